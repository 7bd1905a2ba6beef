// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Uplinks that carry their number ({@code {"n":<n>}}), for the buffer tests that check order and completeness. */
final class NumberedUplinks {

    private NumberedUplinks() {
    }

    /** @return uplink number {@code n} of one of ten devices */
    static Uplink uplink(int n, Instant receivedAt) {
        return new Uplink("dev-" + n % 10, List.of("t"), "t", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8),
                1, false, MessageProperties.NONE, receivedAt);
    }

    /** @return the number an uplink of {@link #uplink} carries */
    static int number(Uplink u) {
        String s = new String(u.payload(), StandardCharsets.UTF_8);
        if (!s.startsWith("{\"n\":")) {
            throw new AssertionError("not a numbered uplink: " + u + " payload " + Arrays.toString(u.payload()));
        }
        return Integer.parseInt(s.substring(s.indexOf(':') + 1, s.indexOf('}')));
    }

    /** @return the numbers of every record in the buffer, in its order */
    static List<Integer> numbers(UplinkBuffer buffer) {
        List<Integer> numbers = new ArrayList<>();
        buffer.read(Long.MIN_VALUE, 1_000_000).forEach(b -> numbers.add(number(b.uplink())));
        return numbers;
    }

    /** @return {@code from, from + 1, ..., to - 1} */
    static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }
}
