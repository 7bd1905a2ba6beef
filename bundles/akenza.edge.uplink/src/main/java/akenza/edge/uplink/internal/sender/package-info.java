// SPDX-License-Identifier: EPL-2.0
/**
 * The sender side of the forwarder: the sender thread that connects, drains the buffer within the inflight
 * window (one {@code UpstreamConnection} per connection), detects silent upstreams and reconnects with backoff,
 * plus the downlink relay and the per-device downlink subscriptions.
 */
package akenza.edge.uplink.internal.sender;
