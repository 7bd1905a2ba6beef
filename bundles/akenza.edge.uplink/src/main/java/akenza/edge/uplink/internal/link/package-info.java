// SPDX-License-Identifier: EPL-2.0
/**
 * The upstream link: the sender thread that connects, drains the buffer within the inflight window, detects
 * silent upstreams, and relays downlinks.
 */
package akenza.edge.uplink.internal.link;
