// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.message.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** The MQTT 5 upstream, on Eclipse Paho's mqttv5 async client. */
public final class Paho5Upstream implements UpstreamClient {

    private final UpstreamSettings settings;
    private final SocketFactory socketFactory;
    private final UpstreamListener listener;
    private volatile MqttAsyncClient client;
    private volatile boolean closed;
    private volatile int receiveMaximum = 65_535;

    /**
     * @param settings where to connect
     * @param socketFactory the TLS socket factory, or {@code null} for plain TCP
     * @param listener told about losses and downlinks
     */
    public Paho5Upstream(UpstreamSettings settings, SocketFactory socketFactory, UpstreamListener listener) {
        this.settings = settings;
        this.socketFactory = socketFactory;
        this.listener = listener;
    }

    @Override
    public void connect() throws UpstreamException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setUserName(settings.connectorId());
        options.setPassword(settings.secret().getBytes(StandardCharsets.UTF_8));
        options.setReceiveMaximum(1024);
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
            IMqttToken token = c.connect(options);
            awaitToken(token);
            if (!c.isConnected()) {
                close();
                throw new UpstreamException("connect timed out");
            }
            MqttProperties props = token.getResponseProperties();
            Integer max = props == null ? null : props.getReceiveMaximum();
            receiveMaximum = max == null || max <= 0 ? 65_535 : max;
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

    private static int serverCode(int code) {
        return code >= 0x80 && code <= 0xFF ? code : -1;
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
                if (e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
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
        return receiveMaximum;
    }

    @Override
    public void publish(OutgoingMessage m, PublishCallback callback) throws UpstreamException {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            throw new UpstreamException("not connected");
        }
        MqttMessage message = new MqttMessage(m.payload(), m.qos(), m.retain(), toPaho(m.properties()));
        try {
            c.publish(m.topic(), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        callback.rejected(codes[0]);
                    } else {
                        callback.acknowledged();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    // A failure here comes from the connection (a server DISCONNECT, a lost socket), not from this
                    // message's PUBACK: the record stays and is sent again.
                    if (e instanceof MqttException me) {
                        callback.failed(describe(me), serverCode(me.getReasonCode()));
                    } else {
                        callback.failed(Redactor.redact(String.valueOf(e), settings.secret()), -1);
                    }
                }
            });
        } catch (MqttException e) {
            throw new UpstreamException(describe(e));
        }
    }

    private static MqttProperties toPaho(MessageProperties p) {
        MqttProperties props = new MqttProperties();
        if (p.contentType() != null) {
            props.setContentType(p.contentType());
        }
        if (p.payloadFormatIndicator() != null) {
            props.setPayloadFormat(p.payloadFormatIndicator() == 1);
        }
        if (!p.userProperties().isEmpty()) {
            List<UserProperty> list = new ArrayList<>(p.userProperties().size());
            for (akenza.edge.api.message.UserProperty u : p.userProperties()) {
                list.add(new UserProperty(u.name(), u.value()));
            }
            props.setUserProperties(list);
        }
        if (p.correlationData() != null) {
            props.setCorrelationData(p.correlationData());
        }
        if (p.responseTopic() != null) {
            props.setResponseTopic(p.responseTopic());
        }
        if (p.messageExpirySeconds() != null) {
            props.setMessageExpiryInterval(p.messageExpirySeconds());
        }
        return props;
    }

    private static MessageProperties fromPaho(MqttProperties p) {
        if (p == null) {
            return MessageProperties.NONE;
        }
        List<akenza.edge.api.message.UserProperty> users = new ArrayList<>();
        if (p.getUserProperties() != null) {
            for (UserProperty u : p.getUserProperties()) {
                users.add(new akenza.edge.api.message.UserProperty(u.getKey(), u.getValue()));
            }
        }
        MessageProperties props = new MessageProperties(p.getContentType(), p.getPayloadFormat() ? 1 : null, users,
                p.getCorrelationData(), p.getResponseTopic(), p.getMessageExpiryInterval());
        return props.isEmpty() ? MessageProperties.NONE : props;
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
            int[] codes = token.getReasonCodes();
            List<Integer> result = new ArrayList<>(filters.size());
            for (int i = 0; i < filters.size(); i++) {
                result.add(codes != null && i < codes.length ? codes[i] : 0x80);
            }
            return result;
        } catch (MqttException e) {
            if (e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF) {
                List<Integer> refused = new ArrayList<>();
                filters.forEach(f -> refused.add(e.getReasonCode()));
                return refused;
            }
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
            c.disconnectForcibly(0, 1000, false);
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
        public void disconnected(MqttDisconnectResponse response) {
            MqttException e = response.getException();
            if (e != null) {
                listener.connectionLost(describe(e), serverCode(e.getReasonCode()));
            } else {
                listener.connectionLost(Redactor.redact(String.format("server disconnected, reason 0x%02X (%s)",
                        response.getReturnCode(), response.getReasonString()), settings.secret()),
                        serverCode(response.getReturnCode()));
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            listener.connectionLost(describe(exception), serverCode(exception.getReasonCode()));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.messageArrived(topic, message.getPayload(), message.getQos(), fromPaho(message.getProperties()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // outcomes arrive through each publish's listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connect() waits for the token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
