// SPDX-License-Identifier: EPL-2.0
/** The durable uplink buffer: a log of segment files, its record codec and its single group-committing writer. */
package akenza.edge.uplink.internal.buffer;
