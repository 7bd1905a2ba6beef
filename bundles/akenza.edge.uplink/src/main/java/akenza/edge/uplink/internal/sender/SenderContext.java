// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import akenza.edge.api.message.CloudTopicMapping;
import akenza.edge.uplink.internal.buffer.UplinkBuffer;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.util.function.Supplier;

/**
 * What the sender and each of its upstream connections share: the buffer they drain, how to drive the upstream,
 * where counters and the connection status go, the topic policy and the connector secret.
 *
 * @param buffer the buffer to drain
 * @param settings how to drive the upstream
 * @param stats the counters
 * @param status the connection status to keep current
 * @param policy the current topic policy (may supply {@code null}: then nothing is sent)
 * @param secret the connector secret (never logged)
 */
public record SenderContext(UplinkBuffer buffer, LinkSettings settings, ForwarderStats stats, LinkStatus status,
        Supplier<CloudTopicMapping> policy, String secret) {

    @Override
    public String toString() {
        return "SenderContext[" + settings + ", secret=****]";
    }
}
