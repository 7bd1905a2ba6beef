// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The concurrent subscription trie agrees with {@link Topics#matches}. */
class SubscriptionTreeTest {

    private static Subscription sub(String client, String filter) {
        return new Subscription(client, filter, null, 1, false, false, 0, 0, false);
    }

    private static Set<String> filters(List<Subscription> subs) {
        return subs.stream().map(Subscription::filter).collect(Collectors.toSet());
    }

    @Test
    void matchesLikeTheSpecification() {
        SubscriptionTree tree = new SubscriptionTree();
        List<String> all = List.of("a/b", "a/+", "a/#", "#", "+/b", "+/+", "a/b/c", "$SYS/#", "+/#", "/#", "a/+/c",
                "/", "+", "a/", "a/b/+", "+/+/+", "//", "$SYS", "/+/b");
        for (String f : all) {
            tree.add(sub("c", f));
        }
        for (String topic : List.of("a/b", "a", "a/b/c", "$SYS/x", "/x", "x/b", "a//c", "/", "a/", "a/b/", "$SYS",
                "//", "/a/b", "a/b/c/d", "$SYS/", "x")) {
            Set<String> expected = all.stream().filter(f -> Topics.matches(f, topic)).collect(Collectors.toSet());
            assertEquals(expected, filters(tree.match(topic)), topic);
        }
    }

    @Test
    void anEmptyTreeMatchesNothing() {
        SubscriptionTree tree = new SubscriptionTree();
        assertEquals(List.of(), tree.match("/up/secret/id/dev-1/temperature"));
        tree.add(sub("c", "other/#"));
        assertEquals(List.of(), tree.match("/up/secret/id/dev-1/temperature"));
        assertEquals(Set.of("other/#"), filters(tree.match("other/x")));
    }

    /** Matches are remembered per topic, and every subscribe or unsubscribe makes them be computed again. */
    @Test
    void rememberedMatchesFollowEverySubscribeAndUnsubscribeAndStayBounded() {
        SubscriptionTree tree = new SubscriptionTree();
        tree.add(sub("c1", "a/+"));
        assertEquals(Set.of("a/+"), filters(tree.match("a/b")));
        assertEquals(Set.of("a/+"), filters(tree.match("a/b")), "remembered");
        tree.add(sub("c2", "a/b"));
        assertEquals(Set.of("a/+", "a/b"), filters(tree.match("a/b")), "a new subscription counts at once");
        tree.add(new Subscription("c2", "a/b", null, 0, false, false, 0, 0, false));
        assertEquals(0, tree.match("a/b").stream().filter(s -> s.clientId().equals("c2")).findFirst()
                .orElseThrow().qos(), "a replaced subscription counts at once");
        assertTrue(tree.remove("c1", null, "a/+"));
        assertEquals(Set.of("a/b"), filters(tree.match("a/b")), "an unsubscribe counts at once");
        assertThrows(UnsupportedOperationException.class, () -> tree.match("a/b").clear());

        for (int i = 0; i < SubscriptionTree.REMEMBERED_TOPICS + 10; i++) {
            assertEquals(List.of(), tree.match("x/" + i));
        }
        assertTrue(tree.rememberedTopics() <= SubscriptionTree.REMEMBERED_TOPICS);
        assertEquals(Set.of("a/b"), filters(tree.match("a/b")));
    }

    @Test
    void replaceAndRemove() {
        SubscriptionTree tree = new SubscriptionTree();
        assertFalse(tree.add(sub("c1", "x/+")));
        assertTrue(tree.add(sub("c1", "x/+")), "same client and filter replaces");
        tree.add(sub("c2", "x/+"));
        tree.add(new Subscription("c1", "x/+", "g", 0, false, false, 0, 0, false));
        assertEquals(3, tree.match("x/1").size());
        assertTrue(tree.remove("c1", null, "x/+"));
        assertFalse(tree.remove("c1", null, "x/+"));
        assertFalse(tree.remove("c1", null, "never/subscribed"));
        assertEquals(2, tree.match("x/1").size());
    }
}
