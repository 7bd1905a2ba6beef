// SPDX-License-Identifier: EPL-2.0
/** akenza Edge MQTT broker: implementation, not exported. */
package akenza.edge.broker.internal;
