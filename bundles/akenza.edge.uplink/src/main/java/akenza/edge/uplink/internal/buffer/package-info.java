// SPDX-License-Identifier: EPL-2.0
/** The durable uplink buffer: an H2 MVStore queue, its record codec and its single group-committing writer. */
package akenza.edge.uplink.internal.buffer;
