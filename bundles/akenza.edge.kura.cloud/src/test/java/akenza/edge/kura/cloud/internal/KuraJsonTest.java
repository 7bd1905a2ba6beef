// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.kura.message.KuraPayload;
import org.eclipse.kura.message.KuraPosition;
import org.junit.jupiter.api.Test;

class KuraJsonTest {

    @Test
    void metricsTimestampAndPositionBecomeOneObject() {
        KuraPayload p = new KuraPayload();
        p.addMetric("temperature", 21.5);
        p.addMetric("count", 3L);
        p.addMetric("on", true);
        p.addMetric("name", "a\"b");
        p.addMetric("raw", new byte[] {1, 2});
        p.addMetric("bad", Double.NaN);
        p.setTimestamp(Date.from(Instant.parse("2026-01-01T12:00:00Z")));
        KuraPosition pos = new KuraPosition();
        pos.setLatitude(47.5);
        pos.setLongitude(8.5);
        p.setPosition(pos);

        String json = new String(KuraJson.encode(p), StandardCharsets.UTF_8);

        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(21.5, o.get("temperature").getAsDouble());
        assertEquals(3, o.get("count").getAsLong());
        assertTrue(o.get("on").getAsBoolean());
        assertEquals("a\"b", o.get("name").getAsString());
        assertEquals("AQI=", o.get("raw").getAsString());
        assertTrue(o.get("bad").isJsonNull());
        assertEquals("2026-01-01T12:00:00Z", o.get("timestamp").getAsString());
        assertEquals(47.5, o.getAsJsonObject("position").get("latitude").getAsDouble());
    }

    @Test
    void aMetricNamedTimestampWins() {
        KuraPayload p = new KuraPayload();
        p.addMetric("timestamp", "mine");
        p.setTimestamp(new Date());
        assertEquals("{\"timestamp\":\"mine\"}", new String(KuraJson.encode(p), StandardCharsets.UTF_8));
    }

    @Test
    void flatJsonMembersBecomeMetricsAndNestedOnesStayInTheBody() {
        KuraPayload p = new KuraPayload();
        KuraJson.decodeMetrics("{\"a\":1,\"b\":1.5,\"c\":\"x\",\"d\":false,\"e\":{\"f\":1},\"g\":[1]}"
                .getBytes(StandardCharsets.UTF_8), p);
        assertEquals(Map.of("a", 1L, "b", 1.5, "c", "x", "d", false), p.metrics());
    }

    @Test
    void nonJsonGivesNoMetrics() {
        KuraPayload p = new KuraPayload();
        KuraJson.decodeMetrics(new byte[] {(byte) 0xff, 0, 1}, p);
        KuraJson.decodeMetrics("[1,2]".getBytes(StandardCharsets.UTF_8), p);
        assertTrue(p.metrics().isEmpty());
    }

    @Test
    void subTopicsFollowAkenzasRules() {
        assertEquals(List.of("sensors", "temperature"), TopicLevels.parse("/sensors/temperature", false));
        assertEquals("sensors_temperature", TopicLevels.akenzaTopic(List.of("sensors", "temperature")));
        assertEquals("default", TopicLevels.akenzaTopic(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TopicLevels.parse("a/+/b", false));
        assertThrows(IllegalArgumentException.class, () -> TopicLevels.parse("a//b", false));
        assertTrue(TopicLevels.matches(TopicLevels.parse("cmd/+", true), List.of("cmd", "x")));
        assertTrue(TopicLevels.matches(TopicLevels.parse("cmd/#", true), List.of("cmd", "x", "y")));
        assertFalse(TopicLevels.matches(TopicLevels.parse("cmd", true), List.of("cmd", "x")));
        assertTrue(TopicLevels.matches(List.of(), List.of()));
    }

    @Test
    void publishOptionsRefuseWhatAkenzaWouldNotAccept() {
        assertThrows(IllegalArgumentException.class, () -> PublishOptions.from(Map.of("device.id", "a/b")));
        assertThrows(IllegalArgumentException.class, () -> PublishOptions.from(Map.of("payload", "body",
                "content.type", "image/png")));
        assertThrows(IllegalArgumentException.class, () -> PublishOptions.from(Map.of("qos", 3)));
        PublishOptions o = PublishOptions.from(Map.of("payload", "body", "content.type", "text/csv"));
        assertTrue(o.body());
        assertEquals("text/csv", o.contentType());
        assertArrayEquals(new Object[] {1}, new Object[] {PublishOptions.from(Map.of()).qos()});
    }
}
