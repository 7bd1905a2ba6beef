// SPDX-License-Identifier: EPL-2.0
/** The forwarder's side of the contracts for applications on the gateway: confirmations, link and downlink listeners. */
package akenza.edge.uplink.internal.cloud;
