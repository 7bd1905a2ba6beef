// SPDX-License-Identifier: EPL-2.0
/** akenza Edge uplink forwarder: implementation, not exported. */
package akenza.edge.uplink.internal;
