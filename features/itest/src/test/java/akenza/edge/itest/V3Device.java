// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An MQTT 3.1.1 device (Eclipse Paho mqttv3), with an API free of Paho types so test classes can be
 * loaded before Paho is resolved. Only MQTT 3.1.1 is offered: Paho's default would fall back to 3.1.
 */
final class V3Device implements AutoCloseable {

    private static final long WAIT_MS = 15_000;

    private final MqttClient client;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>(1000);

    private V3Device(MqttClient client) {
        this.client = client;
    }

    /**
     * @param uri e.g. {@code tcp://127.0.0.1:1883}
     * @param user the user name, or null
     * @param password the password, or null
     * @return the connected device
     * @throws ConnectRefused when CONNACK carries a return code other than 0
     * @throws Exception when the connection fails otherwise
     */
    static V3Device connect(String uri, String clientId, String user, String password) throws Exception {
        MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
        V3Device device = new V3Device(c);
        c.setCallback(device.new Collector());
        c.setTimeToWait(WAIT_MS);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(60);
        if (user != null) {
            o.setUserName(user);
        }
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        try {
            c.connect(o);
            return device;
        } catch (MqttException e) {
            c.close();
            if (e.getReasonCode() >= 1 && e.getReasonCode() <= 5) {
                throw new ConnectRefused(e.getReasonCode());
            }
            throw e;
        }
    }

    /** @return the SUBACK return codes, one per filter (QoS 1 requested; 0x80 = refused) */
    int[] subscribe(String... filters) throws MqttException {
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        IMqttToken token = client.subscribeWithResponse(filters, qos);
        return token.getGrantedQos();
    }

    /** Publishes at QoS 1 and waits for the PUBACK; throws when the connection is lost instead. */
    void publish(String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(topic, m);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** @return the next message received within the timeout, or null */
    Delivery next(long timeoutMs) throws InterruptedException {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.offer(new Delivery(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
        }

        @Override
        public void connectionLost(Throwable cause) {
            // isConnected() tells the tests
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // publish() waits for its own token
        }
    }
}
