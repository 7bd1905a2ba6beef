// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicMaskTest {

    @ParameterizedTest
    @CsvSource({
        "/up/s3cr3t/id/dev-1/alerts, /up/****/id/dev-1/alerts",
        "/up/s3cr3t/id/dev-1, /up/****/id/dev-1",
        "/down/s3cr3t/id/dev-1/#, /down/****/id/dev-1/#",
        "/up/s3cr3t, /up/****",
        "/up/device/id/dev-1, /up/device/id/dev-1",
        "/down/device/id/dev-1/#, /down/device/id/dev-1/#",
        "/down/+/id/+/#, /down/+/id/+/#",
        "tele/dev-1/SENSOR, tele/dev-1/SENSOR",
        "up/s3cr3t/id/x, up/****/id/x",
        "$share/g/up/x, $share/g/up/****",
        "$share/g//down/s3cr3t/id/d/#, $share/g//down/****/id/d/#",
    })
    void masksTheSecretLevel(String topic, String expected) {
        assertEquals(expected, TopicMask.mask(topic));
    }

    @Test
    void nullStaysNull() {
        assertNull(TopicMask.mask(null));
    }
}
