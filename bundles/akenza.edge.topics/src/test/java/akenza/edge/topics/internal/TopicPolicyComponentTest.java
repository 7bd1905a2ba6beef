// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal;

import static akenza.edge.topics.internal.testing.Configs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.message.PublishDecision;
import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import akenza.edge.topics.internal.testing.Identities;
import akenza.edge.topics.internal.testing.TestDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TopicPolicyComponentTest {

    private static final String TELE = "uplink tele/{deviceId}/{topic} as connector:c1";
    private static final String CMND = "downlink cmnd/{deviceId}/{topic} as connector:c1";

    private final TopicPolicyComponent component = new TopicPolicyComponent();

    @Test
    void activatesFromAConfigurationWithDefaults() {
        component.activate(config(Map.of()));
        var route = assertInstanceOf(PublishDecision.UplinkRoute.class,
                component.classifyPublish(Identities.named("jwt:dev-1"), "/up/device/id/dev-1/a/b"));
        assertEquals("a_b", route.akenzaTopic());
        assertEquals("default", ((PublishDecision.UplinkRoute) component
                .classifyPublish(Identities.named("jwt:dev-1"), "/up/device/id/dev-1")).akenzaTopic());
        ComponentStatus status = component.status();
        assertEquals(TopicPolicyComponent.PID, status.component());
        assertEquals(Health.OK, status.health());
        assertEquals("1024", status.details().get("max.topic.length"));
        assertEquals("8", status.details().get("max.sub.topic.levels"));
        assertEquals("absent", status.details().get("device.directory"));
    }

    @Test
    void activatesWithEveryProperty() {
        component.activate(config(Map.of("default.topic", "data", "subtopic.separator", "-", "max.topic.length", 100,
                "max.sub.topic.levels", 2, "legacy.templates", TELE + "\n" + CMND)));
        var jwt = Identities.named("jwt:dev-1");
        assertEquals("data", route(jwt, "/up/device/id/dev-1").akenzaTopic());
        assertEquals("a-b", route(jwt, "/up/device/id/dev-1/a/b").akenzaTopic());
        assertInstanceOf(PublishDecision.Refused.class, component.classifyPublish(jwt, "/up/device/id/dev-1/a/b/c"));
        assertInstanceOf(PublishDecision.Refused.class,
                component.classifyPublish(jwt, "/up/device/id/dev-1/" + "x".repeat(100)));
        assertEquals("SENSOR", route(Identities.named("c1"), "tele/dev-1/SENSOR").akenzaTopic());
        assertTrue(component.refuseSubscribe(Identities.named("c1"), "cmnd/dev-1/#").isEmpty());
        assertEquals("1", component.status().details().get("templates.downlink"));
    }

    @Test
    void modifiedSwapsTheRules() {
        DeviceIdentity c1 = Identities.named("c1");
        component.activate(config(Map.of()));
        assertInstanceOf(PublishDecision.Refused.class, component.classifyPublish(c1, "tele/dev-1/SENSOR"));
        assertTrue(component.refuseSubscribe(c1, "cmnd/dev-1/#").isPresent());

        component.modified(config(Map.of("legacy.templates", TELE + "\n" + CMND)));
        assertEquals("SENSOR", route(c1, "tele/dev-1/SENSOR").akenzaTopic());
        assertTrue(component.refuseSubscribe(c1, "cmnd/dev-1/#").isEmpty());
        assertEquals(List.of("/down/device/id/dev-1/x", "cmnd/dev-1/x"),
                component.localDownlinkTopics("/down/up/id/dev-1/x", "up"));

        component.modified(config(Map.of("legacy.templates", "")));
        assertInstanceOf(PublishDecision.Refused.class, component.classifyPublish(c1, "tele/dev-1/SENSOR"));
        assertEquals(List.of("/down/device/id/dev-1/x"), component.localDownlinkTopics("/down/up/id/dev-1/x", "up"));
        // counters survive reconfiguration
        assertEquals(1L, component.status().counters().get("uplinks.routed"));
        assertEquals(2L, component.status().counters().get("publish.refused.not_uplink_topic"));
    }

    @Test
    void badConfigurationIsReportedAndReplacedByDefaults() {
        component.activate(config(Map.of("default.topic", "a/b", "subtopic.separator", "#", "max.topic.length", 5,
                "max.sub.topic.levels", -1, "legacy.templates", TELE + "\nuplink tele/{device}/x as local")));
        ComponentStatus status = component.status();
        assertEquals(Health.DEGRADED, status.health());
        String errors = status.details().get("config.errors");
        assertTrue(errors.contains("default.topic = 'a/b' rejected: must be 1 to 128 characters"), errors);
        assertTrue(errors.contains("subtopic.separator = '#' rejected: must be"), errors);
        assertTrue(errors.contains("max.topic.length = '5' rejected: must be from 64 to 65535; using the default 1024"),
                errors);
        assertTrue(errors.contains("max.sub.topic.levels = '-1' rejected: must be from 0 to 64; using the default 8"),
                errors);
        assertTrue(status.details().get("templates.errors").contains("legacy.templates rule 2"), status.details()
                .toString());
        assertTrue(status.summary().startsWith("4 configuration value(s) rejected (default.topic, subtopic.separator, "
                + "max.topic.length, max.sub.topic.levels); 1 legacy template rule(s) skipped"), status.summary());
        // the valid parts still work, with defaults where values were bad
        assertEquals("a_b", route(Identities.named("jwt:dev-1"), "/up/device/id/dev-1/a/b").akenzaTopic());
        assertEquals("SENSOR", route(Identities.named("c1"), "tele/dev-1/SENSOR").akenzaTopic());

        component.modified(config(Map.of()));
        assertEquals(Health.OK, component.status().health());
        assertFalse(component.status().details().containsKey("config.errors"));
    }

    /** The bad-value rule every component follows: default used, WARN line, DEGRADED, cleared by a good value. */
    @Test
    void aBadValueTakesItsDefaultIsLoggedAndDegradesTheStatusUntilAGoodValueReplacesIt() throws Exception {
        component.activate(config(Map.of("max.sub.topic.levels", "sixty-five")));
        var jwt = Identities.named("jwt:dev-1");
        // the default (8 levels) applies: 8 levels pass, 9 are refused
        assertEquals("a_b_c_d_e_f_g_h", route(jwt, "/up/device/id/dev-1/a/b/c/d/e/f/g/h").akenzaTopic());
        assertInstanceOf(PublishDecision.Refused.class, component.classifyPublish(jwt,
                "/up/device/id/dev-1/a/b/c/d/e/f/g/h/i"));
        ComponentStatus status = component.status();
        assertEquals(Health.DEGRADED, status.health());
        assertTrue(status.details().get("config.errors").startsWith("max.sub.topic.levels = 'sixty-five' rejected"),
                status.details().toString());
        String log = Files.readString(Path.of("target", "topics-test.log"));
        assertTrue(log.contains("WARN akenza.edge.topics.internal.TopicPolicyComponent - akenza.edge.topics.TopicPolicy "
                + "configuration: max.sub.topic.levels = 'sixty-five' rejected: must be a whole number from 0 to 64; "
                + "using the default 8"), log);

        component.modified(config(Map.of("max.sub.topic.levels", 9)));
        assertEquals(Health.OK, component.status().health());
        assertFalse(component.status().details().containsKey("config.errors"));
        assertEquals("a_b_c_d_e_f_g_h_i", route(jwt, "/up/device/id/dev-1/a/b/c/d/e/f/g/h/i").akenzaTopic());
    }

    @Test
    void directoryBindingChangesDownlinkForms() {
        component.activate(config(Map.of()));
        TestDirectory first = new TestDirectory().with("dev-1", false, Identities.C1);
        TestDirectory second = new TestDirectory().with("dev-1", false, Identities.C2);
        component.bindDeviceDirectory(first);
        assertEquals(List.of("/down/s3cr3t/id/dev-1"), component.localDownlinkTopics("/down/up/id/dev-1", "up"));
        assertEquals("present", component.status().details().get("device.directory"));
        // greedy replacement: the new one is bound before the old one is unbound
        component.bindDeviceDirectory(second);
        component.unbindDeviceDirectory(first);
        assertEquals(List.of("/down/other/id/dev-1"), component.localDownlinkTopics("/down/up/id/dev-1", "up"));
        component.unbindDeviceDirectory(second);
        assertEquals(List.of("/down/device/id/dev-1"), component.localDownlinkTopics("/down/up/id/dev-1", "up"));
        assertEquals("absent", component.status().details().get("device.directory"));
    }

    @Test
    void cloudMappingIsDelegated() {
        component.activate(config(Map.of()));
        assertEquals("/down/up/id/+/#", component.cloudDownlinkFilter("up"));
        assertEquals("/down/up/id/dev-1/#", component.cloudDownlinkFilter("dev-1", "up"));
    }

    @Test
    void classifiesConsistentlyWhileModifiedSwapsRules() throws Exception {
        DeviceIdentity c1 = Identities.named("c1");
        String on = TELE;
        component.activate(config(Map.of("legacy.templates", on)));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    started.countDown();
                    int checked = 0;
                    while (!stop.get()) {
                        // whatever rules are current, an answer is one of the two configurations' answers
                        PublishDecision d = component.classifyPublish(c1, "tele/dev-1/SENSOR");
                        boolean valid = d instanceof PublishDecision.UplinkRoute r && r.akenzaTopic().equals("SENSOR")
                                || d instanceof PublishDecision.Refused;
                        if (!valid) {
                            throw new AssertionError("inconsistent decision " + d);
                        }
                        assertInstanceOf(PublishDecision.UplinkRoute.class,
                                component.classifyPublish(c1, "/up/s3cr3t/id/dev-1/a"));
                        checked++;
                    }
                    return checked;
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 400; i++) {
                component.modified(config(Map.of("legacy.templates", i % 2 == 0 ? "" : on)));
            }
            stop.set(true);
            for (Future<Integer> f : results) {
                assertTrue(f.get(10, TimeUnit.SECONDS) > 0);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        component.modified(config(Map.of("legacy.templates", on)));
        assertEquals("SENSOR", route(c1, "tele/dev-1/SENSOR").akenzaTopic());
    }

    private PublishDecision.UplinkRoute route(DeviceIdentity identity, String topic) {
        return assertInstanceOf(PublishDecision.UplinkRoute.class, component.classifyPublish(identity, topic));
    }
}
