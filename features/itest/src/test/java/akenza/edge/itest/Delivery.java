// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

/**
 * A message a test client received, free of client library types.
 *
 * @param topic the topic
 * @param payload the payload as UTF-8 text
 */
record Delivery(String topic, String payload) {
}
