// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

/**
 * A QoS 1/2 message sent to a client and not yet fully acknowledged.
 *
 * @param packetId its packet identifier
 * @param outbound the message
 * @param released QoS 2: PUBREC received and PUBREL sent; only PUBCOMP is missing
 */
public record Inflight(int packetId, OutboundMessage outbound, boolean released) {

    /** @return the same entry after PUBREC */
    public Inflight release() {
        return new Inflight(packetId, outbound, true);
    }
}
