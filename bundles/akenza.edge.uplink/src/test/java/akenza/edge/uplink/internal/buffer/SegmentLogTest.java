// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import static akenza.edge.uplink.internal.buffer.NumberedUplinks.number;
import static akenza.edge.uplink.internal.buffer.NumberedUplinks.numbers;
import static akenza.edge.uplink.internal.buffer.NumberedUplinks.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.message.MessageProperties;
import akenza.edge.api.message.Uplink;
import akenza.edge.uplink.internal.status.DropReason;
import akenza.edge.uplink.internal.status.ForwarderStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffer's segment files as a crash, a power loss or a bad sector leaves them: what was committed comes
 * back, in order, each record once; removals stay removed; fully removed files are deleted.
 */
class SegmentLogTest {

    @TempDir
    Path dir;

    private final ForwarderStats stats = new ForwarderStats();

    private static Uplink uplink(int n) {
        return NumberedUplinks.uplink(n, Instant.parse("2026-12-01T10:00:00Z").plusSeconds(n));
    }

    private static void append(UplinkBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            buffer.append(UplinkCodec.encode(uplink(i)), null);
        }
        buffer.commit(true);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> LogSegment.firstSeqOf(p.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    @Test
    void removalsSurviveAReopenAndFullyRemovedFilesAreDeleted() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            buffer.segmentBytes(4096);
            append(buffer, 0, 100);
            append(buffer, 100, 200);
            append(buffer, 200, 300);
            int files = segmentFiles().size();
            assertTrue(files >= 3, "a new file after each commit past 4 KiB: " + files);
            long bytes = buffer.bytes();
            // Acknowledged out of order: the second hundred first, then the first.
            List<BufferedUplink> all = buffer.read(Long.MIN_VALUE, 1000);
            for (int i = 100; i < 200; i++) {
                assertTrue(buffer.remove(all.get(i).seq()));
            }
            buffer.commit(false);
            assertEquals(files, segmentFiles().size(), "the first file still holds live records");
            for (int i = 0; i < 100; i++) {
                assertTrue(buffer.remove(all.get(i).seq()));
            }
            assertTrue(!buffer.remove(all.get(0).seq()), "removed once");
            buffer.commit(false);
            assertTrue(segmentFiles().size() < files, "the files of the first two hundred are deleted");
            assertTrue(buffer.bytes() < bytes);
            assertEquals(100, buffer.count());
            assertTrue(buffer.remove(all.get(250).seq()));
        }
        try (UplinkBuffer reopened = UplinkBuffer.open(dir, true, stats::dropped)) {
            List<Integer> expected = range(200, 300);
            expected.remove(Integer.valueOf(250));
            assertEquals(expected, numbers(reopened), "the close committed the last removal");
            assertEquals(99, reopened.count());
            append(reopened, 300, 301);
            assertEquals(300, number(reopened.read(reopened.firstSeq(), 1000).get(99).uplink()));
        }
    }

    @Test
    void anIncompleteLastCommitIsCutOffAndTheBufferGoesOn() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            append(buffer, 0, 50);
        }
        Path file = segmentFiles().get(0);
        long committed = Files.size(file);
        // A commit cut off by a power loss: a record frame's header and half its payload.
        ByteBuffer torn = ByteBuffer.allocate(200);
        LogFrames.putRecord(torn, 51, UplinkCodec.encode(uplink(50)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(torn.array(), 0, LogFrames.HEADER + 10), committed);
        }
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            assertEquals(range(0, 50), numbers(buffer));
            assertEquals(committed, Files.size(file), "the torn end is cut off");
            assertEquals(0, stats.droppedCount(DropReason.CORRUPT), "a torn commit was never acknowledged: no loss");
            append(buffer, 50, 60);
        }
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            assertEquals(range(0, 60), numbers(buffer));
        }
    }

    @Test
    void aDamagedRecordIsDroppedAndCountedAndEveryOtherOneComesBack() throws Exception {
        long seqOf20;
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            append(buffer, 0, 50);
            seqOf20 = buffer.read(Long.MIN_VALUE, 50).get(20).seq();
        }
        Path file = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        byte[] frame = new byte[LogFrames.HEADER];
        ByteBuffer.wrap(frame).put(LogFrames.RECORD).putInt(0).putLong(seqOf20);
        int at = indexOf(bytes, Arrays.copyOfRange(frame, 5, 13)) - 5;
        bytes[at + LogFrames.HEADER + 3] ^= 0x10; // one bit of record 20's payload
        Files.write(file, bytes);
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            List<Integer> expected = range(0, 50);
            expected.remove(Integer.valueOf(20));
            assertEquals(expected, numbers(buffer));
            assertEquals(1, stats.droppedCount(DropReason.CORRUPT));
            assertEquals(49, buffer.count());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void aFileThatIsNotASegmentIsSetAsideAndTheRestIsRead() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            append(buffer, 0, 10);
        }
        Files.write(dir.resolve(LogSegment.fileName(5000)), "not a segment".getBytes(StandardCharsets.US_ASCII));
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            assertEquals(range(0, 10), numbers(buffer));
            append(buffer, 10, 11);
            assertEquals(range(0, 11), numbers(buffer));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().contains(".damaged-")).count());
        }
    }

    @Test
    void framesLargerThanTheReadBuffersAreReadBackLiveAndAfterAReopen() throws Exception {
        byte[] big = new byte[3 << 20]; // past the recovery's 1 MiB window and the reader's 64 KiB
        big[0] = 42;
        big[big.length - 1] = 43;
        Uplink large = new Uplink("dev-big", List.of("t"), "t", big, 1, false, MessageProperties.NONE,
                Instant.parse("2026-12-01T10:00:00Z"));
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            append(buffer, 0, 10_000);
            List<BufferedUplink> first = buffer.read(Long.MIN_VALUE, 10_000);
            for (BufferedUplink b : first) {
                buffer.remove(b.seq());
            }
            buffer.append(UplinkCodec.encode(large), null); // one commit: an 80 KB removal frame, then this
            append(buffer, 10_000, 10_005);
            List<BufferedUplink> live = buffer.read(Long.MIN_VALUE, 100);
            assertEquals(6, live.size());
            assertEquals(large, live.get(0).uplink(), "read from the file, not the cache (too large for it)");
        }
        try (UplinkBuffer reopened = UplinkBuffer.open(dir, true, stats::dropped)) {
            List<BufferedUplink> all = reopened.read(Long.MIN_VALUE, 100);
            assertEquals(6, all.size(), "the 10,000 removals held, the rest came back");
            assertEquals(large, all.get(0).uplink());
            List<Integer> rest = new ArrayList<>();
            all.subList(1, 6).forEach(b -> rest.add(number(b.uplink())));
            assertEquals(range(10_000, 10_005), rest);
        }
    }

    @Test
    void aSecondBufferOnTheSameDirectoryIsRefused() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, true, stats::dropped)) {
            IOException e = assertThrows(IOException.class, () -> UplinkBuffer.open(dir, true, stats::dropped));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        try (UplinkBuffer again = UplinkBuffer.open(dir, true, stats::dropped)) {
            assertEquals(0, again.count(), "free again after the close");
        }
    }

    @Test
    void dropOldestFreesWholeFilesAndKeepsTheNewest() throws Exception {
        try (UplinkBuffer buffer = UplinkBuffer.open(dir, false, stats::dropped)) {
            buffer.segmentBytes(4096);
            int dropped = 0;
            for (int i = 0; i < 2000; i++) {
                byte[] r = UplinkCodec.encode(uplink(i));
                dropped += buffer.dropOldestUntilFits(r.length + LogFrames.HEADER, 64 * 1024);
                buffer.append(r, null);
                buffer.commit(false);
            }
            assertTrue(buffer.bytes() <= 64 * 1024, "within the limit: " + buffer.bytes());
            assertTrue(segmentFiles().size() <= 17, "files: " + segmentFiles().size());
            assertEquals(2000 - dropped, buffer.count());
            assertEquals(range(dropped, 2000), numbers(buffer));
        }
    }
}
