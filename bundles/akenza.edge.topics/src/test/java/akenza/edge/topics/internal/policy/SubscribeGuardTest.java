// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.topics.internal.grammar.SubscribeRefusal;
import akenza.edge.topics.internal.testing.Identities;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubscribeGuardTest {

    private static final String TEMPLATES = """
            downlink cmnd/{deviceId}/{topic} as connector:c1
            downlink stat/{deviceId}/POWER as connector:c1, local
            """;

    private final PolicyCounters counters = new PolicyCounters();
    private final SubscribeGuard guard = new SubscribeGuard(PolicySettings.of("default", "_", 1024, 8, TEMPLATES),
            counters);

    /** identity, filter, {@code ok} or the expected {@link SubscribeRefusal}. */
    static Stream<Arguments> table() {
        return Stream.of(
                // JWT: only inside /down/device/id/<own id>
                row("jwt:dev-1", "/down/device/id/dev-1", "ok"),
                row("jwt:dev-1", "/down/device/id/dev-1/#", "ok"),
                row("jwt:dev-1", "/down/device/id/dev-1/+", "ok"),
                row("jwt:dev-1", "/down/device/id/dev-1/+/x/#", "ok"),
                row("jwt:dev-1", "/down/device/id/dev-1/config/a", "ok"),
                row("jwt:dev-1", "/down/device/id/dev-1/", "ok"),
                row("jwt:dev-1", "/down/device/id/dev-2/#", "WRONG_DEVICE"),
                row("jwt:dev-1", "/down/device/id/DEV-1/#", "WRONG_DEVICE"),
                row("jwt:dev-1", "/down/device/id/dev-1x/#", "WRONG_DEVICE"),
                row("jwt:dev-1", "/down/device/id/+/#", "WILDCARD_ABOVE_DEVICE"),
                row("jwt:dev-1", "/down/device/id/#", "WILDCARD_ABOVE_DEVICE"),
                row("jwt:dev-1", "/down/device/+/dev-1", "WILDCARD_ABOVE_DEVICE"),
                row("jwt:dev-1", "/down/+/id/dev-1/#", "WILDCARD_ABOVE_DEVICE"),
                row("jwt:dev-1", "/down/#", "WILDCARD_ABOVE_DEVICE"),
                row("jwt:dev-1", "#", "OUTSIDE_TREE"),
                row("jwt:dev-1", "+/down/device/id/dev-1", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/+/device/id/dev-1", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/down/device/id", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/down/device/ID/dev-1", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/down/s3cr3t/id/dev-1/#", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/up/device/id/dev-1", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/DOWN/device/id/dev-1", "OUTSIDE_TREE"),
                row("jwt:dev-1", "cmnd/dev-1/#", "OUTSIDE_TREE"),
                row("jwt:dev-1", "$SYS/#", "OUTSIDE_TREE"),
                row("jwt:dev-1", "/down/device/id/dev-1/#/x", "INVALID_FILTER"),
                row("jwt:dev-1", "/down/device/id/dev-1/a#", "INVALID_FILTER"),
                row("jwt:dev-1", "/down/device/id/dev-1/a+", "INVALID_FILTER"),
                row("jwt:dev-1", "/down/device/id/dev-1/\u0007", "INVALID_FILTER"),
                row("jwt:dev-1", "", "INVALID_FILTER"),
                row("jwt:dev-1", "/down/device/id/dev-1" + "/x".repeat(8), "ok"),
                row("jwt:dev-1", "/down/device/id/dev-1" + "/x".repeat(9), "TOO_DEEP"),
                row("jwt:dev-1", "/down/device/id/dev-1/" + "x".repeat(1024), "TOO_LONG"),
                // shared subscriptions are judged by their filter
                row("jwt:dev-1", "$share/g//down/device/id/dev-1/#", "ok"),
                row("jwt:dev-1", "$share/g//down/device/id/dev-2/#", "WRONG_DEVICE"),
                row("jwt:dev-1", "$share/g//down/device/id/+/#", "WILDCARD_ABOVE_DEVICE"),
                row("jwt:dev-1", "$share/g/#", "OUTSIDE_TREE"),
                row("jwt:dev-1", "$share//down/device/id/dev-1/#", "BAD_SHARE"),
                row("jwt:dev-1", "$share/g+//down/device/id/dev-1/#", "BAD_SHARE"),
                row("jwt:dev-1", "$share/#//down/device/id/dev-1/#", "BAD_SHARE"),
                row("jwt:dev-1", "$share/g", "BAD_SHARE"),
                row("jwt:dev-1", "$share/g/", "BAD_SHARE"),
                // connectors: their own secret, allowed devices
                row("c1", "/down/s3cr3t/id/dev-1", "ok"),
                row("c1", "/down/s3cr3t/id/dev-1/#", "ok"),
                row("c1", "/down/s3cr3t/id/dev-2/+/cfg", "ok"),
                row("c1", "$share/workers//down/s3cr3t/id/dev-1/#", "ok"),
                row("c1", "/down/other/id/dev-1/#", "WRONG_SECRET"),
                row("c1", "/down/S3CR3T/id/dev-1/#", "WRONG_SECRET"),
                row("c1", "/down/device/id/dev-1/#", "WRONG_SECRET"),
                row("c1", "/down/s3cr3t/id/dev-3/#", "DEVICE_NOT_ALLOWED"),
                row("c1", "/down/s3cr3t/id/+/#", "WILDCARD_ABOVE_DEVICE"),
                row("c1", "/down/s3cr3t/#", "WILDCARD_ABOVE_DEVICE"),
                row("c1", "/down/+/id/dev-1/#", "WILDCARD_ABOVE_DEVICE"),
                row("c1", "/up/s3cr3t/id/dev-1/#", "OUTSIDE_TREE"),
                row("c2", "/down/other/id/any/#", "ok"),
                row("c2", "/down/other/id/../#", "DEVICE_NOT_ALLOWED"),
                row("c2", "/down/other/id/dev\u200b1/#", "DEVICE_NOT_ALLOWED"),
                row("c2", "/down/other/id/+/#", "WILDCARD_ABOVE_DEVICE"),
                row("c2", "/down/s3cr3t/id/dev-1/#", "WRONG_SECRET"),
                // legacy downlink templates, for the granted connector and its devices only
                row("c1", "cmnd/dev-1/#", "ok"),
                row("c1", "cmnd/dev-1/POWER", "ok"),
                row("c1", "cmnd/dev-2/+", "ok"),
                row("c1", "stat/dev-1/POWER", "ok"),
                row("c1", "cmnd/+/POWER", "WILDCARD_ABOVE_DEVICE"),
                row("c1", "cmnd/dev-3/#", "DEVICE_NOT_ALLOWED"),
                row("c1", "cmnd/#", "OUTSIDE_TREE"),
                row("c1", "cmnd/dev-1", "OUTSIDE_TREE"),
                row("c1", "stat/dev-1/+", "OUTSIDE_TREE"),
                row("c1", "stat/dev-1/#", "OUTSIDE_TREE"),
                row("c1", "+/dev-1/POWER", "OUTSIDE_TREE"),
                row("c2", "cmnd/dev-1/#", "OUTSIDE_TREE"),
                // local applications and anonymous clients: the broker's ACL decides, not this policy
                row("local:nodered", "#", "ok"),
                row("local:nodered", "/down/+/id/+/#", "ok"),
                row("anon", "/down/device/id/dev-1/#", "ok"));
    }

    private static Arguments row(String identity, String filter, String expected) {
        return Arguments.of(identity, filter, expected);
    }

    @ParameterizedTest(name = "{0} subscribes {1} -> {2}")
    @MethodSource("table")
    void judgesEveryFilterOfTheTable(String identity, String filter, String expected) {
        Optional<String> refusal = guard.refuse(Identities.named(identity), filter);
        if (expected.equals("ok")) {
            assertEquals(Optional.empty(), refusal);
            assertEquals(0L, counters.snapshot().get("subscribe.refused"));
        } else {
            SubscribeRefusal kind = SubscribeRefusal.valueOf(expected);
            assertEquals(Optional.of(kind.reason()), refusal);
            assertEquals(1L, counters.snapshot().get("subscribe.refused." + kind.key()));
            assertTrue(refusal.isPresent() && !refusal.get().contains("s3cr3t"));
        }
    }

    @Test
    void theSecretIsComparedCaseSensitivelyAndCompletely() {
        var c1 = Identities.named("c1");
        assertTrue(guard.refuse(c1, "/down/s3cr3t/id/dev-1/#").isEmpty());
        for (String wrong : new String[] { "s3cr3", "s3cr3tt", "S3cr3t", " s3cr3t", "s3cr3t\u0000" }) {
            assertTrue(guard.refuse(c1, "/down/" + wrong + "/id/dev-1/#").isPresent(), wrong);
        }
    }
}
