// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.routing.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queueing, the inflight window, packet ids and the QoS acknowledgement states of a session. */
class SessionTest {

    private final BrokerMetrics metrics = new BrokerMetrics();

    private static OutboundMessage msg(int qos, Long expiry, long createdNanos) {
        return new OutboundMessage(new Message("t", new byte[] {1}, qos, false,
                MessageProperties.NONE.withMessageExpirySeconds(expiry), null, createdNanos), qos, false, List.of());
    }

    private static final SessionOwner NOOP = new SessionOwner() {
        @Override
        public void drainLater() {
        }

        @Override
        public void takenOver() {
        }
    };

    @Test
    void windowLimitsInflightAndAcksFreeIt() {
        Session s = new Session("c");
        s.attach(NOOP);
        for (int i = 0; i < 3; i++) {
            assertTrue(s.offer(msg(1, null, 0), 10, metrics));
        }
        Session.Sendable first = s.poll(2, 0, metrics);
        Session.Sendable second = s.poll(2, 0, metrics);
        assertNull(s.poll(2, 0, metrics), "window of 2 is full");
        assertEquals(1, first.packetId());
        assertEquals(2, second.packetId());
        assertFalse(s.pubcomp(first.packetId()), "a QoS 1 message is not completed by PUBCOMP");
        assertTrue(s.puback(first.packetId()));
        assertEquals(3, s.poll(2, 0, metrics).packetId());
    }

    @Test
    void qos2NeedsPubrecThenPubcomp() {
        Session s = new Session("c");
        s.attach(NOOP);
        s.offer(msg(2, null, 0), 10, metrics);
        int id = s.poll(5, 0, metrics).packetId();
        assertFalse(s.pubcomp(id));
        assertTrue(s.pubrec(id, true));
        assertTrue(s.inflight().get(0).released());
        assertTrue(s.pubcomp(id));
        assertTrue(s.inflight().isEmpty());
    }

    @Test
    void boundedQueueExpiryAndOfflineQos0() {
        Session s = new Session("c");
        assertFalse(s.offer(msg(0, null, 0), 10, metrics), "QoS 0 is not queued offline");
        assertTrue(s.offer(msg(1, 1L, 0), 2, metrics));
        assertTrue(s.offer(msg(1, null, 0), 2, metrics));
        assertFalse(s.offer(msg(1, null, 0), 2, metrics));
        assertEquals(1, metrics.get("dropped.queue_full"));
        Session.Sendable next = s.poll(5, 2_000_000_000L, metrics);
        assertEquals(1, metrics.get("dropped.expired"), "the expired head is dropped");
        assertEquals(null, next.outbound().message().properties().messageExpirySeconds());
    }

    @Test
    void packetIdsWrapAndSkipIdsInUse() {
        Session s = new Session("c");
        s.attach(NOOP);
        for (int i = 0; i < 65_535; i++) {
            s.offer(msg(1, null, 0), 70_000, metrics);
            int id = s.poll(2, 0, metrics).packetId();
            if (i == 0) {
                continue; // keep id 1 inflight
            }
            s.puback(id);
        }
        s.offer(msg(1, null, 0), 10, metrics);
        assertEquals(2, s.poll(2, 0, metrics).packetId(), "id 1 is still inflight and skipped");
    }
}
