// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.api.message.UserProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Uplinks for tests: payload {@code {"n":<index>}} so order can be checked upstream. */
final class TestUplinks {

    private TestUplinks() {
    }

    static Uplink numbered(String device, int n) {
        return new Uplink(device, List.of("data"), "data", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), 1,
                false, new MessageProperties("application/json", 1, List.of(new UserProperty("n", "" + n)), null,
                        null, null), Instant.now());
    }

    static Uplink padded(String device, int n, int size) {
        StringBuilder b = new StringBuilder("{\"n\":").append(n).append(",\"pad\":\"");
        while (b.length() < size - 2) {
            b.append('x');
        }
        b.append("\"}");
        return new Uplink(device, List.of("data"), "data", b.toString().getBytes(StandardCharsets.UTF_8), 1, false,
                MessageProperties.NONE, Instant.now());
    }

    /** @return the n of a numbered payload */
    static int number(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        int start = s.indexOf("\"n\":") + 4;
        int end = start;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return Integer.parseInt(s.substring(start, end));
    }
}
