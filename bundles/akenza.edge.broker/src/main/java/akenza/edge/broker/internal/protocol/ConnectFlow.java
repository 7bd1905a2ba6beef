// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.log.LogText;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.routing.Message;
import akenza.edge.broker.internal.routing.Topics;
import akenza.edge.broker.internal.security.ConnectAuthenticator;
import akenza.edge.broker.internal.session.Session;
import akenza.edge.broker.internal.session.SessionRegistry;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CONNECT, authentication, session takeover, CONNACK, DISCONNECT and the end of a connection. */
final class ConnectFlow {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectFlow.class);
    /** The channel attribute Netty's codec keeps the negotiated version in (its key is package-private). */
    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    /** What a CONNECT asked for, kept while the authenticator decides. */
    private record Pending(String clientId, boolean assigned, boolean cleanStart, long requestedExpiry,
            long grantedExpiry, int keepAlive, int receiveMaximum, long maxPacketSize, int topicAliasMaximum,
            Message will, long willDelay) {
    }

    private final MqttConnection c;
    private long connectSessionExpiry;

    ConnectFlow(MqttConnection connection) {
        this.c = connection;
    }

    void onConnect(MqttConnectMessage msg) {
        MqttConnectVariableHeader vh = msg.variableHeader();
        MqttConnectPayload pl = msg.payload();
        c.version = vh.version();
        BrokerSettings s = c.core.settings();
        if (c.overConnectionLimit) {
            refuse(0x03, 0x97, "connection_limit");
            return;
        }
        MqttProperties props = vh.properties();
        if (c.v5() && props.getProperty(MqttPropertyType.AUTHENTICATION_METHOD.value()) != null) {
            refuse(0x05, 0x8C, "bad_authentication_method");
            return;
        }
        Integer receiveMax = c.v5() ? PropertyMapper.intValue(props, MqttPropertyType.RECEIVE_MAXIMUM) : null;
        Integer maxPacket = c.v5() ? PropertyMapper.intValue(props, MqttPropertyType.MAXIMUM_PACKET_SIZE) : null;
        Integer aliasMax = c.v5() ? PropertyMapper.intValue(props, MqttPropertyType.TOPIC_ALIAS_MAXIMUM) : null;
        if ((receiveMax != null && receiveMax == 0) || (maxPacket != null && maxPacket == 0)) {
            refuse(0x02, 0x82, "protocol_error");
            return;
        }
        Integer problemInformation = c.v5()
                ? PropertyMapper.intValue(props, MqttPropertyType.REQUEST_PROBLEM_INFORMATION) : null;
        c.problemInformation = problemInformation == null || problemInformation != 0;
        long requestedExpiry;
        if (c.v5()) {
            Integer e = PropertyMapper.intValue(props, MqttPropertyType.SESSION_EXPIRY_INTERVAL);
            requestedExpiry = e == null ? 0 : Integer.toUnsignedLong(e);
        } else {
            requestedExpiry = vh.isCleanSession() ? 0 : s.maxSessionExpirySeconds();
        }
        long grantedExpiry = Math.min(requestedExpiry, s.maxSessionExpirySeconds());
        String id = pl.clientIdentifier();
        boolean assigned = false;
        if (id == null || id.isEmpty()) {
            if (!c.v5() && !vh.isCleanSession()) {
                refuse(0x02, 0x85, "client_id_invalid");
                return;
            }
            id = "auto-" + UUID.randomUUID();
            assigned = c.v5();
        }
        if (!Topics.isWellFormedText(id)) {
            refuse(0x02, 0x85, "client_id_invalid");
            return;
        }
        Message will = null;
        long willDelay = 0;
        if (vh.isWillFlag()) {
            if (vh.willQos() > 2 || !Topics.isValidName(pl.willTopic(), s.maxTopicLength())) {
                if (c.v5()) {
                    refuse(0x80, 0x90, "will_invalid");
                } else {
                    c.core.metrics().refused("will_invalid"); // 3.1.1 has no code for it: malformed, close
                    c.closeQuietly();
                }
                return;
            }
            MessageProperties willProps = MessageProperties.NONE;
            if (c.v5()) {
                willProps = PropertyMapper.fromNetty(pl.willProperties());
                Integer d = PropertyMapper.intValue(pl.willProperties(), MqttPropertyType.WILL_DELAY_INTERVAL);
                willDelay = d == null ? 0 : Integer.toUnsignedLong(d);
            }
            byte[] body = pl.willMessageInBytes() == null ? new byte[0] : pl.willMessageInBytes();
            will = new Message(pl.willTopic(), body, vh.willQos(), vh.isWillRetain(), willProps, id,
                    System.nanoTime());
        } else if (vh.willQos() != 0 || vh.isWillRetain()) {
            c.core.metrics().refused("malformed");
            c.closeQuietly();
            return;
        }
        Pending p = new Pending(id, assigned, vh.isCleanSession(), requestedExpiry, grantedExpiry,
                vh.keepAliveTimeSeconds(), receiveMax == null ? 65_535 : receiveMax,
                maxPacket == null ? Long.MAX_VALUE : Integer.toUnsignedLong(maxPacket),
                aliasMax == null ? 0 : aliasMax, will, willDelay);
        ConnectRequest request = new ConnectRequest(id, vh.hasUserName() ? pl.userName() : null,
                vh.hasPassword() ? pl.passwordInBytes() : null, remote(), c.tls, c.version);
        c.state = MqttConnection.State.AUTHENTICATING;
        c.channel.config().setAutoRead(false);
        CompletionStage<AuthResult> stage = ConnectAuthenticator.authenticate(request, s,
                c.core.services().authenticator(), c.core.services().starting());
        stage.whenComplete((result, failure) -> {
            if (c.channel.eventLoop().inEventLoop()) {
                onAuthResult(p, result);
            } else {
                c.onLoop(() -> onAuthResult(p, result));
            }
        });
    }

    private InetSocketAddress remote() {
        SocketAddress address = c.channel.remoteAddress();
        return address instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private void onAuthResult(Pending p, AuthResult result) {
        if (c.state != MqttConnection.State.AUTHENTICATING || !c.channel.isActive()) {
            return;
        }
        if (!(result instanceof AuthResult.Accepted accepted)) {
            AuthResult.Refused refused = result instanceof AuthResult.Refused r ? r
                    : new AuthResult.Refused(akenza.edge.api.auth.RefusalReason.UNAVAILABLE, "no result");
            LOG.info("Refused client {} from {}: {} ({})", LogText.of(p.clientId()),
                    remote().getAddress().getHostAddress(), refused.reason(), refused.detail());
            refuse(refused.reason().mqtt311ReturnCode(), refused.reason().mqtt5ReasonCode(),
                    refused.reason().name().toLowerCase(Locale.ROOT));
            return;
        }
        accept(p, accepted.identity());
    }

    private void accept(Pending p, DeviceIdentity identity) {
        BrokerSettings s = c.core.settings();
        SessionRegistry.SessionQuota quota = p.grantedExpiry() > 0 ? new SessionRegistry.SessionQuota(
                s.limits().maxSessions(), s.limits().maxSessionsPerIdentity(), p.grantedExpiry()) : null;
        SessionRegistry.Attached lookup = c.core.sessions().attach(p.clientId(), p.cleanStart(), c, identity, quota);
        if (lookup.refusal() == SessionRegistry.Refusal.QUOTA_EXCEEDED) {
            LOG.info("Refused client {} as {}: no persistent session left for it", LogText.of(p.clientId()), identity);
            refuse(0x03, 0x97, "session_quota");
            return;
        }
        if (lookup.refused()) {
            // The client id's session belongs to another identity: leave it and its connection alone.
            LOG.info("Refused client {} as {}: its client id belongs to another identity's session",
                    LogText.of(p.clientId()), identity.method());
            refuse(0x02, 0x85, "client_id_in_use");
            return;
        }
        if (lookup.previousOwner() != null && lookup.previousOwner() != c) {
            lookup.previousOwner().takenOver();
        }
        Session session = lookup.session();
        session.expirySeconds(p.grantedExpiry());
        connectSessionExpiry = p.requestedExpiry();
        c.session = session;
        c.clientId = p.clientId();
        c.identity = identity;
        c.outbound.configure(Math.min(p.receiveMaximum(), s.maxInflight()), p.maxPacketSize(), p.topicAliasMaximum());
        if (p.will() != null) {
            c.will = new WillMessage(p.will(), p.willDelay(), identity);
        }
        c.state = MqttConnection.State.CONNECTED;
        boolean present = lookup.present() && !p.cleanStart();
        int keepAlive = keepAlive(c.v5(), p.keepAlive(), s.maxKeepAliveSeconds());
        c.channel.writeAndFlush(Packets.connAck(0, present, connAckProperties(p, s, keepAlive)));
        c.core.metrics().increment("connections.total");
        c.core.metrics().add("connections.current", 1);
        if (keepAlive > 0) {
            // MQTT allows one and a half keep alive periods of silence before the server closes.
            c.channel.pipeline().addBefore("mqtt", "keepalive",
                    new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        Instant expiresAt = identity.expiresAt();
        if (expiresAt != null && s.disconnectOnCredentialExpiry()) {
            long millis = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
            c.credentialExpiry = c.channel.eventLoop().schedule(() -> {
                c.core.metrics().increment("connections.credential_expired");
                c.closeWith(ReasonCodes.MAXIMUM_CONNECT_TIME, "credential expired");
            }, millis, TimeUnit.MILLISECONDS);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Client {} connected as {} (MQTT level {}, session present {})", LogText.of(c.clientId),
                    identity, c.version, present);
        }
        c.core.notifyConnected(c.clientId, identity);
        c.outbound.resendInflight();
        c.outbound.drainLater();
        c.replayBuffered();
    }

    /**
     * The keep alive the broker enforces. An MQTT 5 client asking for none or for more than the maximum is
     * given the maximum (announced as Server Keep Alive); MQTT 3.1/3.1.1 have no way to announce it, so those
     * clients keep their own value, as the specification requires.
     *
     * @param v5 whether the client speaks MQTT 5
     * @param requested the client's keep alive in seconds (0 = none)
     * @param maximum the configured maximum in seconds (0 = no maximum)
     * @return the keep alive in seconds (0 = not enforced)
     */
    static int keepAlive(boolean v5, int requested, int maximum) {
        if (v5 && maximum > 0 && (requested == 0 || requested > maximum)) {
            return maximum;
        }
        return requested;
    }

    private static MqttProperties connAckProperties(Pending p, BrokerSettings s, int keepAlive) {
        MqttProperties props = new MqttProperties();
        if (keepAlive != p.keepAlive()) {
            props.add(new IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), keepAlive));
        }
        if (p.assigned()) {
            props.add(new StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), p.clientId()));
        }
        if (p.grantedExpiry() != p.requestedExpiry()) {
            props.add(new IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) p.grantedExpiry()));
        }
        props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), Math.min(s.maxInflight(), 65_535)));
        props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), s.maxPacketSize()));
        if (s.maxTopicAliases() > 0) {
            props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), s.maxTopicAliases()));
        }
        return props;
    }

    /**
     * Refuses the CONNECT with a CONNACK and closes.
     *
     * @param code311 the 3.1/3.1.1 return code
     * @param code5 the v5 reason code
     * @param counter the refusal counter name
     */
    void refuse(int code311, int code5, String counter) {
        c.core.metrics().refused(counter);
        MqttVersion decoded = c.channel.attr(CODEC_VERSION).get();
        boolean v5 = c.state == MqttConnection.State.AWAIT_CONNECT && decoded != null ? decoded == MqttVersion.MQTT_5
                : c.v5();
        c.closing = true;
        c.channel.writeAndFlush(Packets.connAck(v5 ? code5 : code311, false, MqttProperties.NO_PROPERTIES))
                .addListener(ChannelFutureListener.CLOSE);
    }

    void onDisconnect(MqttMessage msg) {
        int reason = 0;
        if (c.v5() && msg.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader vh) {
            reason = vh.reasonCode() & 0xFF;
            Integer expiry = PropertyMapper.intValue(vh.properties(), MqttPropertyType.SESSION_EXPIRY_INTERVAL);
            if (expiry != null) {
                if (connectSessionExpiry == 0 && expiry != 0) {
                    c.protocolError("session expiry set on DISCONNECT after 0 on CONNECT");
                    return;
                }
                c.session.expirySeconds(Math.min(Integer.toUnsignedLong(expiry),
                        c.core.settings().maxSessionExpirySeconds()));
            }
        }
        if (reason != (ReasonCodes.DISCONNECT_WITH_WILL & 0xFF)) {
            c.will = null;
        }
        c.closeQuietly();
    }

    /** Runs when a connection that had been accepted closes. */
    void onClosed() {
        c.core.metrics().add("connections.current", -1);
        Session session = c.session;
        boolean owner = session.detach(c);
        WillMessage will = c.will;
        if (will != null) {
            if (owner) {
                c.core.publishWill(will, session);
            } else if (will.delaySeconds() == 0) {
                c.core.publishWill(will, null); // taken over: the session lives on, so only an undelayed will
            }
        }
        if (owner) {
            c.core.scheduleExpiry(session);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Client {} disconnected", LogText.of(c.clientId));
        }
        c.core.notifyDisconnected(c.clientId, c.identity);
    }
}
