// SPDX-License-Identifier: EPL-2.0
/** Per-client session state: subscriptions, the bounded outbound queue, the inflight window and QoS 2 bookkeeping. */
package akenza.edge.broker.internal.session;
