// SPDX-License-Identifier: EPL-2.0
/** Counters and the JSON form of the forwarder's status. */
package akenza.edge.uplink.internal.status;
