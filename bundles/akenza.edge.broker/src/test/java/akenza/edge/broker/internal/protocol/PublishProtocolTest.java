// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.connAckCode;
import static akenza.edge.broker.internal.protocol.ConnectProtocolTest.disconnectReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.UplinkRefusedException;
import akenza.edge.broker.internal.BrokerServices;
import akenza.edge.broker.internal.TestSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PUBLISH flows through {@code EmbeddedChannel}: QoS handshakes, redelivery, ordering, aliases, flow control. */
class PublishProtocolTest {

    private EmbeddedBroker broker;

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
    }

    private EmbeddedBroker.Conn connect(MqttVersion version, String id, boolean clean) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(version, id, clean));
        assertEquals(0, connAckCode(c));
        return c;
    }

    private EmbeddedBroker.Conn connect(MqttVersion version, String id, MqttProperties props) {
        EmbeddedBroker.Conn c = broker.open().send(Client.connect(version, id, true, props));
        assertEquals(0, connAckCode(c));
        return c;
    }

    private static void subscribe(EmbeddedBroker.Conn c, String filter, int qos) {
        c.send(Client.subscribe(1, filter, qos));
        MqttMessage subAck = c.receive();
        assertEquals(MqttMessageType.SUBACK, subAck.fixedHeader().messageType());
    }

    /** Receives one packet, checks its type and returns its packet id (releasing it). */
    private static int expect(EmbeddedBroker.Conn c, MqttMessageType type) {
        MqttMessage m = c.receive();
        try {
            assertEquals(type, m == null ? null : m.fixedHeader().messageType());
            if (m instanceof MqttPublishMessage p) {
                return p.variableHeader().packetId();
            }
            return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    private static int reasonOf(MqttMessage m) {
        try {
            return ((MqttPubReplyMessageVariableHeader) m.variableHeader()).reasonCode() & 0xFF;
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    @Test
    void qos2HandshakeInBothDirectionsWithoutDuplicateDelivery() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_3_1_1, "sub", true);
        subscribe(sub, "q2/#", 2);
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_3_1_1, "pub", true);
        pub.send(Client.publish("q2/a", 2, 7, "x"));
        assertEquals(7, expect(pub, MqttMessageType.PUBREC));
        pub.send(Client.publish("q2/a", 2, 7, "x", MqttProperties.NO_PROPERTIES, true));
        assertEquals(7, expect(pub, MqttMessageType.PUBREC));
        pub.send(Client.ack(MqttMessageType.PUBREL, 7));
        assertEquals(7, expect(pub, MqttMessageType.PUBCOMP));

        int id = expect(sub, MqttMessageType.PUBLISH);
        assertNull(sub.receive(), "the resent PUBLISH is not delivered twice");
        sub.send(Client.ack(MqttMessageType.PUBREC, id));
        assertEquals(id, expect(sub, MqttMessageType.PUBREL));
        sub.send(Client.ack(MqttMessageType.PUBCOMP, id));
        assertNull(sub.receive());
    }

    @Test
    void unacknowledgedMessagesAreResentWithDupAfterReconnect() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_3_1_1, "keeper", false);
        subscribe(sub, "r/#", 1);
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_3_1_1, "pub", true);
        pub.send(Client.publish("r/1", 1, 1, "one"));
        MqttPublishMessage first = (MqttPublishMessage) sub.receive();
        int id = first.variableHeader().packetId();
        assertFalse(first.fixedHeader().isDup());
        first.release();
        sub.broker.close();
        EmbeddedBroker.Conn again = broker.open().send(Client.connect(MqttVersion.MQTT_3_1_1, "keeper", false));
        MqttMessage ack = again.receive();
        assertTrue(((MqttConnAckMessage) ack).variableHeader().isSessionPresent());
        MqttPublishMessage resent = (MqttPublishMessage) again.receive();
        try {
            assertTrue(resent.fixedHeader().isDup());
            assertEquals(id, resent.variableHeader().packetId());
            assertEquals("one", resent.content().toString(StandardCharsets.UTF_8));
        } finally {
            resent.release();
        }
    }

    /** A broker whose uplink offers stay pending (collected in {@code offers}) and an MQTT 5 device on it. */
    private EmbeddedBroker.Conn deviceWithPendingOffers(List<CompletableFuture<Void>> offers) {
        BrokerServices services = new BrokerServices();
        services.topicPolicy(new TestPolicies.AllUplinks());
        services.uplinkSink(u -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            offers.add(f);
            return f;
        });
        broker = new EmbeddedBroker(TestSettings.general().build(), services);
        return connect(MqttVersion.MQTT_5, "dev", true);
    }

    @Test
    void acknowledgementsStayInOrderWhenUplinksCompleteOutOfOrder() {
        List<CompletableFuture<Void>> offers = new CopyOnWriteArrayList<>();
        EmbeddedBroker.Conn dev = deviceWithPendingOffers(offers);
        dev.send(Client.publish("up/1", 1, 1, "a"));
        dev.send(Client.publish("up/2", 2, 2, "b"));
        dev.send(Client.publish("up/3", 1, 3, "c"));
        assertEquals(3, offers.size());
        offers.get(2).complete(null);
        offers.get(1).completeExceptionally(
                new UplinkRefusedException(UplinkRefusedException.Reason.QUOTA_EXCEEDED, "full"));
        assertNull(dev.receive(), "no acknowledgement overtakes the first one");
        offers.get(0).complete(null);
        MqttMessage a1 = dev.receive();
        assertEquals(MqttMessageType.PUBACK, a1.fixedHeader().messageType());
        assertEquals(0, reasonOf(a1));
        MqttMessage a2 = dev.receive();
        assertEquals(MqttMessageType.PUBREC, a2.fixedHeader().messageType());
        assertEquals(0x97, reasonOf(a2));
        assertEquals(3, expect(dev, MqttMessageType.PUBACK));
    }

    /**
     * The buffer writer completes a whole commit's offers in a row, on its own thread: their acknowledgements
     * reach the event loop as one task and leave in one buffer and one flush (one system call), not a message and a
     * flush per acknowledgement.
     */
    @Test
    void acknowledgementsCompletedTogetherLeaveInOneFlush() throws Exception {
        List<CompletableFuture<Void>> offers = new CopyOnWriteArrayList<>();
        EmbeddedBroker.Conn dev = deviceWithPendingOffers(offers);
        for (int id = 1; id <= 5; id++) {
            dev.send(Client.publish("up/" + id, 1, id, "x"));
        }
        assertEquals(5, offers.size());
        AtomicInteger flushes = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        dev.broker.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                writes.incrementAndGet();
                ctx.write(msg, promise);
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        Thread writer = new Thread(() -> offers.forEach(f -> f.complete(null)), "test-buffer-writer");
        writer.start();
        writer.join(10_000);
        for (int id = 1; id <= 5; id++) {
            assertEquals(id, expect(dev, MqttMessageType.PUBACK));
        }
        assertEquals(1, flushes.get(), "one flush for the five acknowledgements");
        assertEquals(1, writes.get(), "the five acknowledgements share one buffer");
    }

    @Test
    void receiveMaximumExceededByTheClientIsADisconnect() {
        BrokerServices services = new BrokerServices();
        services.topicPolicy(new TestPolicies.AllUplinks());
        services.uplinkSink(u -> new CompletableFuture<>());
        TestSettings settings = TestSettings.general();
        settings.maxInflight = 2;
        broker = new EmbeddedBroker(settings.build(), services);
        EmbeddedBroker.Conn dev = connect(MqttVersion.MQTT_5, "greedy", true);
        dev.send(Client.publish("up/1", 1, 1, "a"));
        dev.send(Client.publish("up/2", 1, 2, "b"));
        assertFalse(dev.broker.config().isAutoRead(), "reading stops while the sink holds the window");
        dev.send(Client.publish("up/3", 1, 3, "c"));
        assertEquals(0x93, disconnectReason(dev.receive()));
    }

    @Test
    void outboundRespectsTheClientsReceiveMaximumAndMaximumPacketSize() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        MqttProperties props = new MqttProperties();
        props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), 1));
        props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), 200));
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_5, "small", props);
        subscribe(sub, "f/#", 1);
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_5, "pub", true);
        pub.send(Client.publish("f/big", 1, 1, "x".repeat(500)));
        pub.send(Client.publish("f/1", 1, 2, "one"));
        pub.send(Client.publish("f/2", 1, 3, "two"));
        int id = expect(sub, MqttMessageType.PUBLISH);
        assertNull(sub.receive(), "receive maximum 1: the second waits for the first PUBACK");
        sub.send(Client.ack(MqttMessageType.PUBACK, id));
        expect(sub, MqttMessageType.PUBLISH);
        assertEquals(1, broker.core.metrics().get("dropped.too_large_for_client"));
    }

    @Test
    void topicAliasesAreResolvedAndInvalidOnesDisconnect() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_3_1_1, "sub", true);
        subscribe(sub, "alias/#", 0);
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_5, "pub", true);
        MqttProperties alias = new MqttProperties();
        alias.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), 3));
        pub.send(Client.publish("alias/long/topic", 0, 0, "1", alias, false));
        pub.send(Client.publish("", 0, 0, "2", alias, false));
        MqttPublishMessage m1 = (MqttPublishMessage) sub.receive();
        MqttPublishMessage m2 = (MqttPublishMessage) sub.receive();
        try {
            assertEquals("alias/long/topic", m1.variableHeader().topicName());
            assertEquals("alias/long/topic", m2.variableHeader().topicName());
        } finally {
            m1.release();
            m2.release();
        }
        MqttProperties tooHigh = new MqttProperties();
        tooHigh.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), 999));
        pub.send(Client.publish("alias/x", 0, 0, "3", tooHigh, false));
        assertEquals(0x94, disconnectReason(pub.receive()));
    }

    @Test
    void refusedPublishIsNotAuthorizedInV5AndClosesA311Connection() {
        TestSettings settings = TestSettings.general();
        settings.acl = "deny publish secret/#\nallow all #";
        broker = new EmbeddedBroker(settings.build(), new BrokerServices());
        EmbeddedBroker.Conn v5 = connect(MqttVersion.MQTT_5, "five", true);
        v5.send(Client.publish("secret/a", 1, 4, "x"));
        MqttMessage ack = v5.receive();
        assertEquals(MqttMessageType.PUBACK, ack.fixedHeader().messageType());
        assertEquals(0x87, reasonOf(ack));
        assertTrue(v5.isOpen());
        EmbeddedBroker.Conn v4 = connect(MqttVersion.MQTT_3_1_1, "four", true);
        v4.send(Client.publish("secret/a", 1, 4, "x"));
        assertFalse(v4.isOpen());
        assertEquals(2, broker.core.metrics().get("refused.publish"));
    }

    @Test
    void offlineQueueIsBoundedAndDropsAreCounted() {
        TestSettings settings = TestSettings.general();
        settings.maxQueuedMessages = 2;
        broker = new EmbeddedBroker(settings.build(), new BrokerServices());
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_3_1_1, "offline", false);
        subscribe(sub, "b/#", 1);
        sub.broker.close();
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_3_1_1, "pub", true);
        for (int i = 1; i <= 4; i++) {
            pub.send(Client.publish("b/" + i, 1, i, "m"));
        }
        assertEquals(2, broker.core.sessions().get("offline").queued());
        assertEquals(2, broker.core.metrics().get("dropped.queue_full"));
    }

    @Test
    void payloadThatIsNotTheUtf8ItClaimsToBeIsRefused() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_5, "pfi", true);
        MqttProperties props = new MqttProperties();
        props.add(new IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
        pub.send(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false,
                        MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader("t/1", 9, props),
                Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3, 0x28})));
        MqttMessage ack = pub.receive();
        assertEquals(0x99, reasonOf(ack));
        pub.send(Client.publish("t/1", 1, 10, "fine \u00e9", props, false));
        assertEquals(0, reasonOf(pub.receive()));
    }

    @Test
    void subscriptionIdentifiersOfAllMatchingSubscriptionsAreSent() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_5, "ids", true);
        for (int[] idAndQos : new int[][] {{5, 0}, {7, 1}}) {
            MqttProperties props = new MqttProperties();
            props.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), idAndQos[0]));
            sub.send(MqttMessageBuilders.subscribe().messageId(idAndQos[0])
                    .properties(props).addSubscription(MqttQoS.valueOf(idAndQos[1]),
                            idAndQos[0] == 5 ? "id/+" : "id/#")
                    .build());
            expect(sub, MqttMessageType.SUBACK);
        }
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_5, "pub", true);
        pub.send(Client.publish("id/x", 1, 1, "m"));
        MqttPublishMessage m = (MqttPublishMessage) sub.receive();
        try {
            assertEquals(1, m.fixedHeader().qosLevel().value());
            List<Integer> ids = m.variableHeader().properties()
                    .getProperties(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value()).stream()
                    .map(p -> (Integer) p.value()).sorted().toList();
            assertEquals(List.of(5, 7), ids);
        } finally {
            m.release();
        }
        assertNull(sub.receive(), "overlapping subscriptions: one delivery");
    }

    @Test
    void outboundTopicAliasesStayWithinTheClientsMaximum() {
        broker = new EmbeddedBroker(TestSettings.general().build(), new BrokerServices());
        MqttProperties props = new MqttProperties();
        props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 1));
        EmbeddedBroker.Conn sub = connect(MqttVersion.MQTT_5, "aliased", props);
        subscribe(sub, "al/#", 0);
        EmbeddedBroker.Conn pub = connect(MqttVersion.MQTT_3_1_1, "pub", true);
        for (String t : List.of("al/first", "al/first", "al/second")) {
            pub.send(Client.publish(t, 0, 0, "m"));
        }
        List<String> topics = new ArrayList<>();
        List<Object> aliases = new ArrayList<>();
        for (MqttMessage m : sub.receiveAll()) {
            MqttPublishMessage p = (MqttPublishMessage) m;
            topics.add(p.variableHeader().topicName());
            MqttProperties.MqttProperty<?> alias = p.variableHeader().properties()
                    .getProperty(MqttPropertyType.TOPIC_ALIAS.value());
            aliases.add(alias == null ? null : alias.value());
            p.release();
        }
        assertEquals(List.of("al/first", "", "al/second"), topics);
        assertEquals(Arrays.asList(1, 1, null), aliases);
    }
}
