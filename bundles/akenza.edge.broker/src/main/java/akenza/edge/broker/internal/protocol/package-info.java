// SPDX-License-Identifier: EPL-2.0
/**
 * MQTT protocol handling on Netty's codec: one state machine per connection, split into connect, inbound, outbound
 * and subscription flows, plus the state all connections share.
 */
package akenza.edge.broker.internal.protocol;
