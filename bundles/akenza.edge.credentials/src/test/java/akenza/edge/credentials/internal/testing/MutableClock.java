// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so time-based rules are tested without waiting. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** @param start the initial instant */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param by how far to move forward */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
