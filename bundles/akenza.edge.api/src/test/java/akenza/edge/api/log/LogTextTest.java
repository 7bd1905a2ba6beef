// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceIdentity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one masking function (issue 11, holes 5 and 6). */
class LogTextTest {

    private static final String SECRET = "k3v9q2x7m1p0z8r4t6y5w2e9u1i3o7a0";
    private static final String OTHER = "q9w8e7r6t5y4u3i2o1p0a9s8d7f6g5h4";
    private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJ4In0.MEUCIQDk2d_signature-part";
    private final Object owner = new Object();

    @AfterEach
    void withdraw() {
        LogText.withdrawSecrets(owner);
    }

    @ParameterizedTest
    @CsvSource({
        "/up/%/id/dev-1/alerts, /up/****/id/dev-1/alerts",
        "up/%/id/dev-1, up/****/id/dev-1",
        "//up/%/id/dev-1, //up/****/id/dev-1",
        "down/%/id/dev-1, down/****/id/dev-1",
        "/Down/%/id/dev-1/#, /Down/****/id/dev-1/#",
        "tele/%, tele/****",
        "tele/x%x, tele/x****x",
        "/up/device/id/dev-1, /up/device/id/dev-1",
        "/down/+/id/+/#, /down/+/id/+/#",
        "$share/g//down/unknown/id/d/#, $share/g//down/****/id/d/#",
        "tele/dev-1/SENSOR, tele/dev-1/SENSOR",
    })
    void masksRegisteredSecretsAnywhereAndTheLevelAfterUpOrDown(String text, String expected) {
        LogText.registerSecrets(owner, List.of(SECRET));
        assertEquals(expected, LogText.of(text.replace("%", SECRET)));
    }

    @Test
    void masksTheAuthenticatedConnectorsSecretWithoutRegistration() {
        DeviceIdentity identity = DeviceIdentity.connector(new Connector() {
            @Override
            public String id() {
                return "c";
            }

            @Override
            public boolean secretMatches(CharSequence candidate) {
                return false;
            }

            @Override
            public boolean allowsDevice(String deviceId) {
                return true;
            }

            @Override
            public String secret() {
                return OTHER;
            }
        });
        assertEquals("tele/****", LogText.of("tele/" + OTHER, identity));
        assertEquals("tele/" + OTHER, LogText.of("tele/" + OTHER), "not registered, no identity: not known as secret");
        LogText.registerSecrets(owner, List.of(OTHER));
        assertEquals("tele/****", LogText.of("tele/" + OTHER));
        LogText.withdrawSecrets(owner);
        assertEquals("tele/" + OTHER, LogText.of("tele/" + OTHER));
    }

    @Test
    void masksAnythingShapedLikeAJwt() {
        assertEquals("****", LogText.of(JWT));
        assertEquals("id **** x", LogText.of("id " + JWT + " x"));
        assertEquals("****", LogText.of("eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJ4In0"), "a token cut after its payload");
        assertEquals("JWT:****", DeviceIdentity.jwt(JWT, null).toString());
    }

    @Test
    void escapesControlCharactersSoNoLineCanBeForged() {
        String forged = LogText.of("dev\n[main] INFO fake line\r\u0000\u001b[31m\u2028\\");
        assertFalse(forged.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028'));
        assertEquals("dev\\n[main] INFO fake line\\r\\u0000\\u001b[31m\\u2028\\\\", forged);
    }

    @Test
    void cutsLongTextAfterMasking() {
        LogText.registerSecrets(owner, List.of(SECRET));
        String masked = LogText.of("x".repeat(190) + SECRET + "y".repeat(5000));
        assertEquals("x".repeat(190) + "****" + "y".repeat(6) + "...", masked);
        assertTrue(LogText.of("a".repeat(10_000) + SECRET).endsWith("..."));
        assertEquals("null", LogText.of(null));
    }
}
