// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * An MQTT 5 client (Paho) for the in-framework tests, with an API free of Paho types: test classes load
 * before the deployment package brings Paho into the framework, so only this class may touch it.
 */
final class MqttDevice implements AutoCloseable {

    /**
     * One received message.
     *
     * @param topic the topic
     * @param payload the payload as UTF-8 text
     * @param contentType the MQTT 5 content type, or null
     * @param userProperties the user properties
     */
    record Received(String topic, String payload, String contentType, Map<String, String> userProperties) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private MqttDevice(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects, retrying until the deadline while the server is still binding its port.
     *
     * @return the connected client
     * @throws MqttRefusal when the server answers CONNACK with a refusal
     */
    static MqttDevice connect(String uri, String clientId, String user, byte[] password, long deadlineMs)
            throws Exception {
        long deadline = System.currentTimeMillis() + deadlineMs;
        while (true) {
            MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
            MqttDevice device = new MqttDevice(c);
            c.setCallback(device.new Collector());
            try {
                c.connect(options(user, password));
                return device;
            } catch (MqttException e) {
                c.close();
                if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xA2) {
                    throw new MqttRefusal(e.getReasonCode());
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not connect " + clientId + " to " + uri + ": " + e, e);
                }
                TimeUnit.MILLISECONDS.sleep(200); // the port is still being bound; bounded by the deadline
            }
        }
    }

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    void publish(String topic, String payload, String contentType, Map<String, String> userProperties)
            throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        if (contentType != null) {
            props.setContentType(contentType);
        }
        props.setUserProperties(userProperties.entrySet().stream()
                .map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        m.setProperties(props);
        client.publish(topic, m);
    }

    /** @return the next message received within the timeout, or null */
    Received next(long timeoutMs) throws InterruptedException {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    private static MqttConnectionOptions options(String user, byte[] password) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password);
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        return o;
    }

    /** A CONNACK refusal, with its MQTT 5 reason code. */
    static final class MqttRefusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int reasonCode;

        MqttRefusal(int reasonCode) {
            super("refused with reason 0x" + Integer.toHexString(reasonCode));
            this.reasonCode = reasonCode;
        }
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties();
            Map<String, String> user = new java.util.LinkedHashMap<>();
            List<UserProperty> props = p == null ? List.of() : p.getUserProperties();
            for (UserProperty u : props) {
                user.put(u.getKey(), u.getValue());
            }
            received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    p == null ? null : p.getContentType(), user));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
