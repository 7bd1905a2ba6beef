// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

/**
 * Reads what it can out of a buffer file MVStore refuses to open, after it was moved aside.
 *
 * <p>First MVStore's own recovery (the newest version whose chunks are all intact, read-only): records come
 * back in their original order, exactly once. When even that fails, a raw scan of every intact chunk (header
 * and footer agree) finds the encoded records still in it (MVStore stores each value as a length and the
 * bytes, uncompressed here): a candidate counts only when it decodes and encodes back to the very same bytes.
 * A raw scan cannot tell records akenza already acknowledged from pending ones, so it may send some again (never loses them);
 * records are put back in the order they were received.
 */
public final class BufferSalvage {

    /**
     * What the salvage found.
     *
     * @param damagedFile where the damaged file was moved
     * @param method how records were read ({@code mvstore-recovery} or {@code raw-scan})
     * @param recovered records put back into the buffer
     * @param lost records found but unreadable; -1 when nothing at all could be read
     * @param cause why the file could not be opened
     */
    public record Result(Path damagedFile, String method, long recovered, long lost, String cause) {
    }

    private static final long PLAUSIBLE_FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long PLAUSIBLE_UNTIL = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
    private static final int MAX_RECORD = 64 * 1024 * 1024;
    private static final int BLOCK = 4096;
    private static final int HEADER_BYTES = 1024;
    private static final int FOOTER_BYTES = 128;
    private static final long MAX_CHUNK_BYTES = 256L * 1024 * 1024;

    private BufferSalvage() {
    }

    /**
     * Moves a damaged file aside under a name that says so.
     *
     * @return the new path
     */
    static Path setAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /**
     * Hands every readable record of a damaged file to {@code sink}, oldest first.
     *
     * @param damaged the file set aside
     * @param cause why it could not be opened (for the report)
     * @param sink takes each encoded record
     * @return the report
     */
    static Result salvage(Path damaged, String cause, Consumer<byte[]> sink) {
        try {
            return viaRecovery(damaged, cause, sink);
        } catch (RuntimeException e) {
            try {
                return viaRawScan(damaged, cause, sink);
            } catch (IOException | RuntimeException scan) {
                return new Result(damaged, "none (" + scan.getMessage() + ")", 0, -1, cause);
            }
        }
    }

    private static Result viaRecovery(Path damaged, String cause, Consumer<byte[]> sink) {
        MVStore store = new MVStore.Builder().fileName(damaged.toString()).readOnly().recoveryMode().open();
        try {
            if (!store.hasMap("uplinks")) {
                throw new IllegalStateException("no uplink map in the recovered version");
            }
            MVMap<Long, byte[]> map = store.openMap("uplinks", new MVMap.Builder<Long, byte[]>()
                    .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
            long recovered = 0;
            long lost = 0;
            Cursor<Long, byte[]> cursor = map.cursor(null);
            while (true) {
                byte[] value;
                try {
                    if (!cursor.hasNext()) {
                        break;
                    }
                    cursor.next();
                    value = cursor.getValue();
                } catch (RuntimeException e) {
                    // A page of the recovered version is unreadable: the rest of the map cannot be walked.
                    lost++;
                    break;
                }
                if (isRecord(value)) {
                    sink.accept(value);
                    recovered++;
                } else {
                    lost++;
                }
            }
            return new Result(damaged, "mvstore-recovery", recovered, lost, cause);
        } finally {
            store.closeImmediately();
        }
    }

    private static Result viaRawScan(Path damaged, String cause, Consumer<byte[]> sink) throws IOException {
        List<byte[]> found = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.READ)) {
            long blocks = ch.size() / BLOCK;
            // Blocks 0 and 1 hold the store header; chunks follow. Only chunks whose header and footer agree count.
            List<long[]> chunks = new ArrayList<>();
            for (long block = 2; block < blocks; block++) {
                long[] chunk = intactChunk(ch, block, blocks);
                if (chunk != null) {
                    chunks.add(chunk);
                }
            }
            // Newest first; blocks a newer chunk was written over no longer hold the older chunk's records.
            chunks.sort(Comparator.comparingLong((long[] c) -> c[2]).reversed());
            BitSet claimed = new BitSet();
            for (long[] chunk : chunks) {
                int first = (int) chunk[0];
                int end = (int) (chunk[0] + chunk[1]);
                for (int from = claimed.nextClearBit(first); from < end; from = claimed.nextClearBit(from)) {
                    int to = Math.min(end, claimed.nextSetBit(from) < 0 ? end : claimed.nextSetBit(from));
                    scanBlocks(ch, from, to, to == end, found, seen);
                    from = to;
                }
                claimed.set(first, end);
            }
        }
        found.sort(Comparator.comparing(UplinkCodec::receivedAt));
        found.forEach(sink);
        return new Result(damaged, "raw-scan", found.size(), 0, cause);
    }

    private static void scanBlocks(FileChannel ch, long from, long to, boolean endsWithFooter, List<byte[]> found,
            Set<ByteBuffer> seen) throws IOException {
        int length = (int) Math.min((to - from) * BLOCK - (endsWithFooter ? FOOTER_BYTES : 0), MAX_CHUNK_BYTES);
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && ch.read(buf, from * BLOCK + buf.position()) > 0) {
            // keep reading
        }
        scan(buf.array(), buf.position(), found, seen);
    }

    /** @return {block, length in blocks, version} when a chunk starts at this block with a matching footer */
    private static long[] intactChunk(FileChannel ch, long block, long blocks) throws IOException {
        Map<String, String> header = readMap(ch, block * BLOCK, HEADER_BYTES);
        if (header == null || DataUtils.readHexLong(header, "block", -1) != block) {
            return null;
        }
        int id = (int) DataUtils.readHexLong(header, "chunk", -1);
        long len = DataUtils.readHexLong(header, "len", 0);
        if (id < 0 || len <= 0 || block + len > blocks) {
            return null;
        }
        Map<String, String> footer = readMap(ch, (block + len) * BLOCK - FOOTER_BYTES, FOOTER_BYTES);
        if (footer == null || DataUtils.readHexLong(footer, "chunk", -2) != id
                || DataUtils.readHexLong(footer, "block", -2) != block
                || DataUtils.readHexLong(footer, "version", -2) != DataUtils.readHexLong(header, "version", -3)) {
            return null;
        }
        return new long[] {block, len, DataUtils.readHexLong(header, "version", 0)};
    }

    /** @return the {@code key:value,...} line at a position, or null when there is none */
    private static Map<String, String> readMap(FileChannel ch, long position, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(max);
        ch.read(buf, position);
        byte[] bytes = buf.array();
        if (buf.position() < 6 || bytes[0] != 'c' || bytes[1] != 'h' || bytes[5] != ':') {
            return null;
        }
        int end = 0;
        while (end < buf.position() && bytes[end] != '\n' && bytes[end] != 0) {
            end++;
        }
        try {
            return DataUtils.parseMap(new String(bytes, 0, end, StandardCharsets.ISO_8859_1).trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void scan(byte[] bytes, int length, List<byte[]> found, Set<ByteBuffer> seen) {
        for (int i = 0; i < length; i++) {
            // A value in a page: varint length, then the record (version, flags, qos, received-at seconds).
            int value = 0;
            int p = i;
            boolean complete = false;
            for (int shift = 0; shift < 28 && p < length; shift += 7) {
                int b = bytes[p++];
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    complete = true;
                    break;
                }
            }
            if (!complete || value < 16 || value > MAX_RECORD || p + value > length
                    || bytes[p] != UplinkCodec.VERSION || bytes[p + 1] < 0 || bytes[p + 2] < 0 || bytes[p + 2] > 2) {
                continue;
            }
            long seconds = ByteBuffer.wrap(bytes, p + 3, 8).getLong();
            if (seconds < PLAUSIBLE_FROM || seconds > PLAUSIBLE_UNTIL) {
                continue;
            }
            if (crossesChunkStart(bytes, p, p + value)) {
                continue; // torn: a later chunk was written over the rest of this record
            }
            byte[] candidate = Arrays.copyOfRange(bytes, p, p + value);
            if (isRecord(candidate) && seen.add(ByteBuffer.wrap(candidate))) {
                found.add(candidate);
            }
        }
    }

    /**
     * @return whether MVStore's chunk header or footer text ({@code chunk:<hex>,block:}) lies inside
     *         {@code [from, to)}: stale bytes in a chunk's unwritten padding, cut off by the footer
     */
    private static boolean crossesChunkStart(byte[] bytes, int from, int to) {
        for (int i = from; i + 14 <= to; i++) {
            if (bytes[i] != 'c' || bytes[i + 1] != 'h' || bytes[i + 2] != 'u' || bytes[i + 3] != 'n'
                    || bytes[i + 4] != 'k' || bytes[i + 5] != ':') {
                continue;
            }
            int j = i + 6;
            while (j < to && Character.digit(bytes[j], 16) >= 0) {
                j++;
            }
            if (j > i + 6 && j + 7 <= to && new String(bytes, j, 7, StandardCharsets.ISO_8859_1).equals(",block:")) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the bytes are exactly one encoded uplink received at a plausible time */
    static boolean isRecord(byte[] candidate) {
        try {
            Instant at = UplinkCodec.receivedAt(candidate);
            if (at.getEpochSecond() < PLAUSIBLE_FROM || at.getEpochSecond() > PLAUSIBLE_UNTIL) {
                return false;
            }
            return Arrays.equals(candidate, UplinkCodec.encode(UplinkCodec.decode(candidate)));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
