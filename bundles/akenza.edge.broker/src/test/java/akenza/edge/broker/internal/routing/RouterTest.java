// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.MessageProperties;
import akenza.edge.broker.internal.acl.Acl;
import akenza.edge.broker.internal.metrics.BrokerMetrics;
import akenza.edge.broker.internal.session.OutboundMessage;
import akenza.edge.broker.internal.session.Session;
import akenza.edge.broker.internal.session.SessionOwner;
import akenza.edge.broker.internal.session.SessionRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery rules of the router, in particular on its single-subscriber path (one matching subscription, no
 * share group), which skips the per-client grouping: the same rules must hold there as with many subscribers.
 */
class RouterTest {

    private final SessionRegistry sessions = new SessionRegistry(new SubscriptionTree());
    private final BrokerMetrics metrics = new BrokerMetrics();
    private Acl acl = Acl.parse("allow all #");
    private final Router router = new Router(sessions, metrics, () -> 100, () -> acl);

    /** A connected client: its session, with a live owner so that QoS 0 messages are queued. */
    private Session online(String clientId) {
        SessionOwner owner = new SessionOwner() {
            @Override
            public void drainLater() {
            }

            @Override
            public void takenOver() {
            }
        };
        return sessions.attach(clientId, true, owner, DeviceIdentity.anonymous(clientId)).session();
    }

    private void subscribe(Session session, String filter, int qos, boolean noLocal, int subscriptionId,
            boolean aclFiltered) {
        Subscription sub = new Subscription(session.clientId(), filter, null, qos, noLocal, false, 0, subscriptionId,
                aclFiltered);
        session.subscriptions().put(sub.sessionKey(), sub);
        sessions.tree().add(sub);
    }

    private static Message message(String topic, int qos, String publisher) {
        return new Message(topic, new byte[] {1, 2}, qos, true, MessageProperties.NONE, publisher, System.nanoTime());
    }

    private static List<OutboundMessage> drain(Session session) {
        List<OutboundMessage> out = new ArrayList<>();
        for (Session.Sendable next = session.poll(100, System.nanoTime(), new BrokerMetrics()); next != null;
                next = session.poll(100, System.nanoTime(), new BrokerMetrics())) {
            out.add(next.outbound());
        }
        return out;
    }

    @Test
    void aSingleSubscriberGetsTheLowerQosItsSubscriptionIdAndNoRetainFlag() {
        Session sub = online("sub");
        subscribe(sub, "a/+", 0, false, 7, false);
        assertEquals(1, router.route(message("a/b", 1, "pub")));
        List<OutboundMessage> got = drain(sub);
        assertEquals(1, got.size());
        assertEquals(0, got.get(0).qos());
        assertEquals(List.of(7), got.get(0).subscriptionIds());
        assertEquals(false, got.get(0).retain(), "retain as published is off: a live message goes out unretained");
    }

    @Test
    void aSingleNoLocalSubscriptionDoesNotGetTheClientsOwnMessages() {
        Session sub = online("c1");
        subscribe(sub, "t/#", 1, true, 0, false);
        assertEquals(0, router.route(message("t/x", 1, "c1")));
        assertEquals(List.of(), drain(sub));
        assertEquals(1, router.route(message("t/x", 1, "c2")));
        assertEquals(1, drain(sub).size());
    }

    @Test
    void aSingleAclFilteredSubscriptionOnlyGetsTopicsTheAclLetsItReceive() {
        acl = Acl.parse("deny subscribe secret/#, allow all #");
        Session sub = online("c1");
        subscribe(sub, "#", 1, false, 0, true);
        assertEquals(0, router.route(message("secret/x", 1, "p")));
        assertEquals(1, router.route(message("open/x", 1, "p")));
        assertEquals(1, drain(sub).size());
        acl = null; // an invalid ACL denies everything, also on delivery
        assertEquals(0, router.route(message("open/x", 1, "p")));
        assertEquals(List.of(), drain(sub));
    }

    @Test
    void dollarTopicsDoNotReachALeadingWildcard() {
        Session sub = online("c1");
        subscribe(sub, "#", 1, false, 0, false);
        assertEquals(0, router.route(message("$SYS/x", 1, "p")));
        assertEquals(1, metrics.get("messages.unrouted"));
    }

    @Test
    void aSingleSharedSubscriptionStillDeliversToItsMember() {
        Session member = online("m1");
        Subscription shared = new Subscription("m1", "s/+", "g", 1, false, false, 0, 0, false);
        member.subscriptions().put(shared.sessionKey(), shared);
        sessions.tree().add(shared);
        assertEquals(1, router.route(message("s/1", 1, "p")));
        assertEquals(1, drain(member).size());
    }

    @Test
    void overlappingSubscriptionsOfOneClientGiveOneDeliveryWithEveryIdentifier() {
        Session sub = online("c1");
        subscribe(sub, "a/#", 0, false, 1, false);
        subscribe(sub, "a/b", 1, false, 2, false);
        assertEquals(1, router.route(message("a/b", 1, "p")));
        List<OutboundMessage> got = drain(sub);
        assertEquals(1, got.size());
        assertEquals(1, got.get(0).qos());
        assertEquals(List.of(1, 2), got.get(0).subscriptionIds().stream().sorted().toList());
    }

    @Test
    void aMessageForASubscriberWithoutSessionGoesNowhere() {
        Subscription orphan = new Subscription("gone", "x", null, 1, false, false, 0, 0, false);
        sessions.tree().add(orphan);
        assertEquals(0, router.route(message("x", 1, "p")));
        assertNull(sessions.get("gone"));
    }
}
