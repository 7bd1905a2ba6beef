// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksTheSecretAndTheSecretLevelOfTopics() {
        assertEquals("Not authorized to publish on topic '/up/****/id/dev-1/a' with QoS '1'",
                Redactor.redact("Not authorized to publish on topic '/up/xyz/id/dev-1/a' with QoS '1'", "s3cr3t"));
        assertEquals("bad password **** for /down/****/id/d/#",
                Redactor.redact("bad password s3cr3t for /down/s3cr3t/id/d/#", "s3cr3t"));
        assertEquals("/up/device/id/d and /down/+/id/+/#", Redactor.redact("/up/device/id/d and /down/+/id/+/#", ""));
        assertEquals("", Redactor.redact(null, "s"));
        assertTrue(Redactor.redact("x".repeat(1000), "s").length() < 400);
    }
}
