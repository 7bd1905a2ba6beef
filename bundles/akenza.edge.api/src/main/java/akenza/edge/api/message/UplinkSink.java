// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.util.concurrent.CompletionStage;

/**
 * Takes uplinks for delivery to akenza. Provided by the forwarder.
 *
 * <p>The returned stage completes when the uplink is durable (committed to disk), which is when the
 * broker may acknowledge a QoS 1/2 PUBLISH. It completes exceptionally with {@link UplinkRefusedException}
 * when the uplink is refused. While stages are pending the broker stops reading from that connection,
 * so a slow sink slows its producers instead of filling the heap.
 */
public interface UplinkSink {

    /**
     * @param uplink the uplink
     * @return completes when durable; fails with {@link UplinkRefusedException}
     */
    CompletionStage<Void> offer(Uplink uplink);
}
