// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.testing.AkenzaUpstream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** akenza's side of the test upstream: sees what the forwarder publishes and publishes downlinks. */
final class CloudObserver implements AutoCloseable {

    /** One received message. */
    record Received(String topic, MqttMessage message) {
        String payload() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger count = new AtomicInteger();
    private final MqttClient client;
    private final boolean keep;
    private volatile BiConsumer<String, MqttMessage> onMessage = (t, m) -> { };

    /**
     * @param port the upstream port
     * @param filter what to observe
     * @param keep whether to keep every message (false: count only, and call {@link #onMessage})
     */
    CloudObserver(int port, String filter, boolean keep) throws MqttException {
        this.keep = keep;
        client = new MqttClient("tcp://127.0.0.1:" + port, "observer-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (CloudObserver.this.keep) {
                    received.add(new Received(topic, message));
                }
                onMessage.accept(topic, message);
                count.incrementAndGet();
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(AkenzaUpstream.OBSERVER);
        options.setPassword(AkenzaUpstream.OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options);
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setRetainAsPublished(true);
        client.subscribe(new MqttSubscription[] {subscription});
    }

    /** Removes the retained message of a topic, so later tests do not see it. */
    void clearRetained(String topic) throws MqttException {
        MqttMessage m = new MqttMessage(new byte[0]);
        m.setQos(1);
        m.setRetained(true);
        client.publish(topic, m);
    }

    void onMessage(BiConsumer<String, MqttMessage> consumer) {
        this.onMessage = consumer;
    }

    void publish(String topic, String payload, int qos) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        client.publish(topic, m);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
