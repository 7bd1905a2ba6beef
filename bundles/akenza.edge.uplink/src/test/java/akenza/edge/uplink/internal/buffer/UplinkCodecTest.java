// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UserProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkCodecTest {

    private static final Instant AT = Instant.parse("2026-11-25T01:02:03.123456789Z");

    @Test
    void roundTripsEveryField() {
        MessageProperties props = new MessageProperties("application/xml", 1,
                List.of(new UserProperty("k", "v"), new UserProperty("k", "ü€𝄞"), new UserProperty("", "")),
                new byte[] {0, 1, 2, (byte) 0xFF}, "/down/device/id/dev-1/reply", 86_400L);
        Uplink uplink = new Uplink("dév-1", List.of("alerts", "critical"), "alerts_critical",
                "<a>1</a>".getBytes(StandardCharsets.UTF_8), 2, true, props, AT);
        byte[] encoded = UplinkCodec.encode(uplink);
        assertEquals(UplinkCodec.VERSION, encoded[0]);
        assertEquals(uplink, UplinkCodec.decode(encoded));
        assertEquals(AT, UplinkCodec.receivedAt(encoded));
    }

    @Test
    void roundTripsAMinimalUplink() {
        Uplink uplink = new Uplink("d", List.of(), "default", new byte[0], 0, false, MessageProperties.NONE, AT);
        assertEquals(uplink, UplinkCodec.decode(UplinkCodec.encode(uplink)));
    }

    @Test
    void roundTripsZeroPayloadFormatAndLargePayload() {
        byte[] payload = new byte[300_000];
        Arrays.fill(payload, (byte) 7);
        MessageProperties props = new MessageProperties(null, 0, List.of(), null, null, 0L);
        Uplink uplink = new Uplink("d", List.of("a"), "a", payload, 1, false, props, AT);
        assertEquals(uplink, UplinkCodec.decode(UplinkCodec.encode(uplink)));
    }

    @Test
    void refusesUnknownVersionsAndTruncatedRecords() {
        byte[] encoded = UplinkCodec.encode(new Uplink("d", List.of(), "default", new byte[] {1, 2, 3}, 1, false,
                MessageProperties.NONE, AT));
        byte[] otherVersion = encoded.clone();
        otherVersion[0] = 99;
        assertThrows(IllegalArgumentException.class, () -> UplinkCodec.decode(otherVersion));
        for (int cut = 0; cut < encoded.length; cut++) {
            byte[] truncated = Arrays.copyOf(encoded, cut);
            assertThrows(IllegalArgumentException.class, () -> UplinkCodec.decode(truncated), "cut at " + cut);
        }
    }
}
