// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.cloud;

import akenza.edge.api.message.Uplink;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The forwarder's upstream link to akenza as seen by applications on the gateway. Provided by the forwarder.
 *
 * <p>Uplinks offered here go through the same durable buffer as device uplinks: they survive outages and
 * restarts, keep their order per device, and leave the buffer only when akenza acknowledged them.
 */
@ProviderType
public interface CloudUplinks {

    /**
     * Offers an uplink and asks to be told when akenza acknowledged it.
     *
     * <p>{@code onAcknowledged} runs on a forwarder thread and must return quickly. It runs at most once, when
     * akenza acknowledged the uplink (PUBACK for QoS 1, PUBCOMP for QoS 2) in this run of the gateway; it does
     * not run when the uplink is dropped (buffer full, too old, refused by akenza), when the gateway restarted
     * before the acknowledgement (the uplink is still delivered), or when the forwarder tracks too many pending
     * confirmations (the oldest are forgotten, the uplinks are still delivered).
     *
     * @param uplink the uplink
     * @param onAcknowledged run when akenza acknowledged it
     * @return completes when the uplink is durable; fails with
     *         {@link akenza.edge.api.message.UplinkRefusedException} when it is refused
     */
    CompletionStage<Void> offer(Uplink uplink, Runnable onAcknowledged);

    /** @return whether the forwarder is connected to akenza now */
    boolean isConnected();

    /** @return the gateway's own akenza device id from the forwarder's configuration, if set */
    Optional<String> gatewayDeviceId();
}
