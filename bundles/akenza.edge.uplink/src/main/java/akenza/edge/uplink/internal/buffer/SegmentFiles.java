// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer's segment files in sequence order, the newest one ({@link #current}) taking the appends. The writer
 * thread starts new files and deletes fully removed old ones; readers take a snapshot ({@link #all}) each.
 */
final class SegmentFiles {

    // Its lines are the buffer's: an operator filters one logger.
    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);

    private final Path dir;
    private final boolean fsync;
    private volatile LogSegment[] all;
    private LogSegment current;
    /** The files' total size; written by the writer only. */
    private volatile long bytes;

    /**
     * @param found the files recovery read, in order (a first one is created when there is none)
     * @param nextSeq the sequence number of the next record
     */
    SegmentFiles(Path dir, boolean fsync, List<LogSegment> found, long nextSeq) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        LogSegment[] list = found.toArray(LogSegment[]::new);
        if (list.length == 0) {
            list = new LogSegment[] {LogSegment.create(dir, nextSeq, fsync)};
        }
        all = list;
        current = list[list.length - 1];
        bytes = Arrays.stream(list).mapToLong(LogSegment::length).sum();
    }

    /** @return every file, oldest first (a snapshot) */
    LogSegment[] all() {
        return all;
    }

    /** @return the file appends go to; writer thread */
    LogSegment current() {
        return current;
    }

    /** @return the files' total size */
    long bytes() {
        return bytes;
    }

    /** Writer: a commit added this many bytes to the current file. */
    void written(long added) {
        bytes += added;
    }

    /** Starts the next file at {@code nextSeq}; a failure leaves the current one growing (retried later). */
    void roll(long nextSeq) {
        try {
            LogSegment next = LogSegment.create(dir, nextSeq, fsync);
            LogSegment[] now = all;
            LogSegment[] grown = Arrays.copyOf(now, now.length + 1);
            grown[now.length] = next;
            all = grown;
            current = next;
            bytes += next.length();
        } catch (IOException e) {
            LOG.warn("Uplink buffer cannot start a new segment file yet: {}", e.toString());
        }
    }

    /**
     * Deletes the oldest files while every record in them is removed, never the current one. Their removal
     * frames go with them: they only name records in their own file or older ones.
     */
    void releaseRemoved() {
        LogSegment[] now = all;
        int release = 0;
        while (release < now.length - 1 && now[release].live() == 0) {
            release++;
        }
        if (release == 0) {
            return;
        }
        all = Arrays.copyOfRange(now, release, now.length);
        for (int i = 0; i < release; i++) {
            delete(now[i]);
        }
    }

    /** Nothing is live: deletes every file and starts one empty file at {@code nextSeq}. */
    void restartEmpty(long nextSeq) throws IOException {
        for (LogSegment s : all) {
            delete(s);
        }
        LogSegment fresh = LogSegment.create(dir, nextSeq, fsync);
        all = new LogSegment[] {fresh};
        current = fresh;
        bytes = fresh.length();
    }

    private void delete(LogSegment s) {
        bytes -= s.length();
        s.close();
        try {
            Files.deleteIfExists(s.file);
        } catch (IOException e) {
            LOG.warn("Uplink buffer cannot delete {}: {}", s.file.getFileName(), e.toString());
        }
    }

    /** @return the first live sequence number below {@code upTo}, or -1 */
    long firstLive(long upTo) {
        for (LogSegment s : all) {
            long first = s.firstLive(upTo);
            if (first >= 0) {
                return first;
            }
        }
        return -1;
    }

    /** @return the file that holds (or held) {@code seq}, or {@code null} */
    LogSegment of(long seq) {
        return of(all, seq);
    }

    /** @return the file in {@code list} (oldest first) that holds (or held) {@code seq}, or {@code null} */
    static LogSegment of(LogSegment[] list, long seq) {
        int i = floorIndex(list, seq);
        return i < 0 ? null : list[i];
    }

    /** @return the index of the last file in {@code list} (oldest first) starting at or before {@code seq}, or -1 */
    static int floorIndex(LogSegment[] list, long seq) {
        int low = 0;
        int high = list.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (list[mid].firstSeq <= seq) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Closes every file (readers still holding one skip it). */
    void closeAll() {
        for (LogSegment s : all) {
            s.close();
        }
    }
}
