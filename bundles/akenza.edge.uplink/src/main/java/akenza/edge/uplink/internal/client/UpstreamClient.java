// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import java.util.List;

/**
 * One upstream MQTT connection (MQTT 5 or 3.1.1). A client object serves one connection: after a loss,
 * close it and make a new one. No automatic reconnect, no client-side persistence: the buffer is the store.
 */
public interface UpstreamClient extends AutoCloseable {

    /**
     * Connects and waits for the CONNACK.
     *
     * @throws UpstreamException when refused or unreachable
     */
    void connect() throws UpstreamException;

    /** @return the most unacknowledged publishes the server accepts (its receive maximum), at least 1 */
    int serverReceiveMaximum();

    /**
     * Sends a publish without waiting. A client may hold it until {@link #flush()}, to write a batch at once.
     *
     * @param message the message
     * @param callback told about the outcome
     * @throws UpstreamException when the client cannot take it now (not connected)
     */
    void publish(OutgoingMessage message, PublishCallback callback) throws UpstreamException;

    /** Sends what {@link #publish} holds; call once after a batch of publishes. Any thread. */
    default void flush() {
    }

    /**
     * @return whether {@link PublishCallback}s may call {@link #publish} and {@link #flush()} themselves (they
     *         run on the client's I/O thread, which then writes at once); otherwise callbacks only record outcomes
     *         and another thread publishes
     */
    default boolean publishesFromCallbacks() {
        return false;
    }

    /**
     * Subscribes and waits for the SUBACK.
     *
     * @param filters the filters
     * @param qos the QoS asked for
     * @return the granted reason code per filter (0x80 or above = refused)
     * @throws UpstreamException when no SUBACK came
     */
    List<Integer> subscribe(List<String> filters, int qos) throws UpstreamException;

    /** @return whether the connection is up */
    boolean isConnected();

    /** Drops the connection at once and releases the client's threads. */
    @Override
    void close();
}
