// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutageLogTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final OutageLog log = new OutageLog();

    @Test
    void theFirstFailureOfAnOutageIsReportedTheRepeatsOnlyOnceAMinuteWithTheirCount() {
        assertEquals(0, log.failed("connect failed: refused", 0));
        assertEquals(-1, log.failed("connect failed: refused", SECOND));
        assertEquals(-1, log.failed("connect failed: refused", 3 * SECOND));
        assertEquals(2, log.failed("connect failed: refused", OutageLog.INTERVAL_NANOS + SECOND),
                "a minute later, with the two attempts not reported");
        assertEquals(-1, log.failed("connect failed: refused", OutageLog.INTERVAL_NANOS + 5 * SECOND));
    }

    @Test
    void aNewReasonIsReportedAtOnce() {
        assertEquals(0, log.failed("connect failed: refused", 0));
        assertEquals(0, log.failed("connection refused, reason 0x86", SECOND));
        assertEquals(0, log.failed("connect failed: refused", 2 * SECOND), "changed again");
    }

    @Test
    void aConnectionEndsTheOutage() {
        assertEquals(0, log.failed("connection lost: closed", 0));
        log.connected();
        assertEquals(0, log.failed("connection lost: closed", SECOND), "a new outage is reported");
    }
}
