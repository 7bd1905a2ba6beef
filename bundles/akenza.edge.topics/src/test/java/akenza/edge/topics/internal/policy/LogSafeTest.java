// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import akenza.edge.topics.internal.testing.Identities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @ParameterizedTest
    @CsvSource({
        "/up/s3cr3t/id/dev-1/alerts, /up/****/id/dev-1/alerts",
        "up/s3cr3t/id/dev-1, up/****/id/dev-1",
        "//up/s3cr3t/id/dev-1, //up/****/id/dev-1",
        "tele/s3cr3t, tele/****",
        "/down/s3cr3t/id/dev-1/#, /down/****/id/dev-1/#",
        "/up/device/id/dev-1, /up/device/id/dev-1",
        "/up/S3CR3T/id/dev-1, /up/****/id/dev-1",
        "tele/S3CR3T, tele/S3CR3T",
        "tele/xs3cr3tx, tele/x****x",
    })
    void masksTheConnectorsSecretWhereverItIs(String topic, String expected) {
        assertEquals(expected, LogSafe.topic(topic, Identities.C1));
    }

    @Test
    void defusesControlCharactersAndCutsLongText() {
        assertEquals("a?b?c", LogSafe.text("a\nb\u0000c"));
        assertEquals("/up/****/id/x?", LogSafe.topic("/up/other/id/x\r"));
        assertEquals("x".repeat(200) + "...", LogSafe.text("x".repeat(5000)));
        assertNull(LogSafe.topic(null, Identities.C1));
    }
}
