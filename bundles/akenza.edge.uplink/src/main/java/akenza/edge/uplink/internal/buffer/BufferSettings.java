// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the durable buffer behaves.
 *
 * @param dir the directory of the segment files
 * @param maxBytes the most record bytes kept
 * @param maxAge the oldest a record may get before it is dropped
 * @param overflow what happens when full
 * @param commitIntervalMillis the longest an offer waits for its group commit
 * @param commitBatch the most offers in one commit (a full batch commits at once)
 * @param fsync whether commits of new records are forced to the device
 * @param bufferQos0 whether QoS 0 uplinks are buffered while the upstream is down (otherwise dropped then)
 */
public record BufferSettings(Path dir, long maxBytes, Duration maxAge, OverflowPolicy overflow,
        long commitIntervalMillis, int commitBatch, boolean fsync, boolean bufferQos0) {

    /** Checks and clamps the values. */
    public BufferSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(overflow, "overflow");
        maxBytes = Math.max(maxBytes, 64 * 1024);
        commitIntervalMillis = Math.max(1, Math.min(commitIntervalMillis, 10_000));
        commitBatch = Math.max(1, Math.min(commitBatch, 100_000));
    }
}
