// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.message.MessageProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT 3.1.1 upstream, on Eclipse Paho's mqttv3 async client. MQTT 5 properties cannot travel; the
 * forwarder counts and warns about them.
 */
public final class Paho3Upstream implements UpstreamClient {

    private final UpstreamSettings settings;
    private final SocketFactory socketFactory;
    private final UpstreamListener listener;
    private final int maxInflight;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;

    /**
     * @param settings where to connect
     * @param socketFactory the TLS socket factory, or {@code null} for plain TCP
     * @param listener told about losses and downlinks
     * @param maxInflight the inflight window (Paho 3 refuses publishes beyond its own limit)
     */
    public Paho3Upstream(UpstreamSettings settings, SocketFactory socketFactory, UpstreamListener listener,
            int maxInflight) {
        this.settings = settings;
        this.socketFactory = socketFactory;
        this.listener = listener;
        this.maxInflight = maxInflight;
    }

    @Override
    public void connect() throws UpstreamException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setUserName(settings.connectorId());
        options.setPassword(settings.secret().toCharArray());
        options.setMaxInflight(maxInflight);
        // Plain TCP too gets a factory of ours: Paho's default socket keeps Nagle's algorithm on.
        options.setSocketFactory(socketFactory != null ? socketFactory : NoDelaySocketFactory.INSTANCE);
        if (socketFactory != null) {
            options.setHttpsHostnameVerificationEnabled(true);
        }
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.serverUri(), settings.clientId(),
                    new MemoryPersistence());
            client = c;
            c.setCallback(new Callback());
            awaitToken(c.connect(options));
            if (!c.isConnected()) {
                close();
                throw new UpstreamException("connect timed out");
            }
        } catch (MqttException e) {
            close();
            throw new UpstreamException(describe(e));
        }
    }

    private String describe(MqttException e) {
        String message = e.getMessage();
        return Redactor.redact("reason " + e.getReasonCode() + (message == null ? "" : " (" + message + ")"),
                settings.secret());
    }

    /** Waits for a token in short slices, so {@link #close()} from another thread ends the wait at once. */
    private void awaitToken(IMqttToken token) throws MqttException, UpstreamException {
        long deadline = System.nanoTime() + (settings.connectTimeoutSeconds() + 1) * 1_000_000_000L;
        while (!token.isComplete()) {
            if (closed) {
                throw new UpstreamException("stopped");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new UpstreamException("no answer within " + settings.connectTimeoutSeconds() + " s");
            }
            try {
                token.waitForCompletion(100);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                    throw e;
                }
            }
        }
        if (token.getException() != null) {
            throw token.getException();
        }
    }

    @Override
    public int serverReceiveMaximum() {
        return maxInflight;
    }

    @Override
    public void publish(OutgoingMessage m, PublishCallback callback) throws UpstreamException {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            throw new UpstreamException("not connected");
        }
        MqttMessage message = new MqttMessage(m.payload());
        message.setQos(m.qos());
        message.setRetained(m.retain());
        try {
            c.publish(m.topic(), message, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    callback.acknowledged();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    callback.failed(e instanceof MqttException me ? describe(me)
                            : Redactor.redact(String.valueOf(e), settings.secret()), -1);
                }
            });
        } catch (MqttException e) {
            throw new UpstreamException(describe(e));
        }
    }

    @Override
    public List<Integer> subscribe(List<String> filters, int qos) throws UpstreamException {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            throw new UpstreamException("not connected");
        }
        int[] qoss = new int[filters.size()];
        Arrays.fill(qoss, qos);
        try {
            IMqttToken token = c.subscribe(filters.toArray(String[]::new), qoss);
            awaitToken(token);
            int[] granted = token.getGrantedQos();
            List<Integer> result = new ArrayList<>(filters.size());
            for (int i = 0; i < filters.size(); i++) {
                result.add(granted != null && i < granted.length ? granted[i] : 0x80);
            }
            return result;
        } catch (MqttException e) {
            throw new UpstreamException(describe(e));
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public synchronized void close() {
        closed = true;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        try {
            c.disconnectForcibly(0, 1000);
        } catch (MqttException | RuntimeException e) {
            // already gone
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            // nothing more to release
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            listener.connectionLost(cause instanceof MqttException me ? describe(me) : "connection lost", -1);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.messageArrived(topic, message.getPayload(), message.getQos(), MessageProperties.NONE);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // outcomes arrive through each publish's listener
        }
    }
}
