// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * An MQTT 5 device (Eclipse Paho mqttv5) that reports the broker's reason codes (CONNACK, SUBACK, PUBACK),
 * with an API free of Paho types so test classes can be loaded before Paho is resolved.
 */
final class V5Device implements AutoCloseable {

    private static final long WAIT_MS = 15_000;

    private final MqttAsyncClient client;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>(1000);
    private volatile int disconnectReason = -1;

    private V5Device(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * @param uri e.g. {@code tcp://127.0.0.1:1883}
     * @param user the user name, or null
     * @param password the password, or null
     * @return the connected device
     * @throws ConnectRefused when CONNACK carries a reason code of 0x80 or more
     * @throws Exception when the connection fails otherwise
     */
    static V5Device connect(String uri, String clientId, String user, String password) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        V5Device device = new V5Device(c);
        c.setCallback(device.new Collector());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(60);
        if (user != null) {
            o.setUserName(user);
        }
        if (password != null) {
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            c.connect(o).waitForCompletion(WAIT_MS);
            return device;
        } catch (MqttException e) {
            c.close(true);
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                throw new ConnectRefused(e.getReasonCode());
            }
            throw e;
        }
    }

    /** @return the SUBACK reason codes, one per filter (QoS 1 requested) */
    int[] subscribe(String... filters) throws MqttException {
        MqttSubscription[] subs = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subs[i] = new MqttSubscription(filters[i], 1);
        }
        return codesOf(client.subscribe(subs, null, null, new MqttProperties()), null);
    }

    /**
     * Connects, retrying until the deadline while the server is still binding its port; a CONNACK refusal
     * ends the wait at once.
     *
     * @return the connected device
     * @throws ConnectRefused when CONNACK carries a reason code of 0x80 or more
     */
    static V5Device connectWhenListening(String uri, String clientId, String user, String password, long deadlineMs)
            throws Exception {
        long deadline = System.currentTimeMillis() + deadlineMs;
        while (true) {
            try {
                return connect(uri, clientId, user, password);
            } catch (MqttException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not connect " + clientId + " to " + uri + ": " + e, e);
                }
                TimeUnit.MILLISECONDS.sleep(200); // the port is still being bound; bounded by the deadline
            }
        }
    }

    /** @return the PUBACK reason code of a QoS 1 publish with a content type and user properties */
    int publish(String topic, String payload, String contentType, Map<String, String> userProperties)
            throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType(contentType);
        props.setUserProperties(userProperties.entrySet().stream()
                .map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        m.setProperties(props);
        return codesOf(client.publish(topic, m), new int[] {0})[0];
    }

    /** @return the PUBACK reason code of a QoS 1 publish */
    int publish(String topic, String payload) throws MqttException {
        return publish(topic, payload, 1);
    }

    /** @return the reason code that ended the flow: PUBACK (QoS 1), PUBREC if a failure, else PUBCOMP (QoS 2) */
    int publish(String topic, String payload, int qos) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        return codesOf(client.publish(topic, m), new int[] {0})[0];
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** @return the reason code of the server's DISCONNECT, or -1 while none came */
    int disconnectReason() {
        return disconnectReason;
    }

    /** @return the next message received within the timeout, or null */
    Delivery next(long timeoutMs) throws InterruptedException {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(WAIT_MS);
        }
        client.close();
    }

    /**
     * Paho may complete a token with a failure code either as reason codes or as an exception.
     *
     * @param whenNone the codes of a successful acknowledgement that carries none, or null if it must carry some
     */
    private static int[] codesOf(IMqttToken token, int[] whenNone) throws MqttException {
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0) {
                return codes;
            }
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                return new int[] {e.getReasonCode()};
            }
            throw e;
        }
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length == 0) {
            if (whenNone == null) {
                throw new AssertionError("no reason codes in the acknowledgement");
            }
            return whenNone;
        }
        return codes;
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties();
            Map<String, String> user = new LinkedHashMap<>();
            if (p != null && p.getUserProperties() != null) {
                p.getUserProperties().forEach(u -> user.put(u.getKey(), u.getValue()));
            }
            received.offer(new Delivery(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    p == null ? null : p.getContentType(), user));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            disconnectReason = response.getReturnCode();
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // surfaced through the tokens
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish() waits for its own token
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connect() waits for its token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
