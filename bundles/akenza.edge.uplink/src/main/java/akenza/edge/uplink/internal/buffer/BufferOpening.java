// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.uplink.internal.status.DropReason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.ObjIntConsumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening the buffer: locks the directory, reads the segment files, and moves the records of an older
 * gateway's H2 MVStore file ({@value #LEGACY_FILE}) into them once, oldest first. A legacy file that fails to
 * open because it is damaged is set aside and what can still be read is salvaged; other failures are reported
 * to retry.
 *
 * <p>The move is safe against a crash: a marker file ({@value #MOVING_FILE}) exists while it runs, and the H2
 * file is deleted only after the moved records are committed. Segment files found next to an H2 file and the
 * marker are the remains of a move cut short: they are deleted and the move starts over (no record twice, none
 * lost). Without the marker they are a newer gateway's records left behind by a downgrade: they are kept, and
 * the H2 file's records are queued after them.
 */
final class BufferOpening {

    // Its lines are the buffer's: an operator filters one logger.
    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);
    static final String LEGACY_FILE = "uplinks.mv.db";
    static final String MOVING_FILE = "uplinks.moving";
    private static final int MOVE_COMMIT_EVERY = 10_000;

    private BufferOpening() {
    }

    static UplinkBuffer open(Path dir, boolean fsync, ObjIntConsumer<DropReason> drops) throws IOException {
        Files.createDirectories(dir);
        BufferLock lock = BufferLock.acquire(dir);
        Path legacy = dir.resolve(LEGACY_FILE);
        UplinkBuffer buffer = null;
        try {
            boolean moving = Files.exists(legacy);
            Path marker = dir.resolve(MOVING_FILE);
            if (moving && Files.exists(marker)) {
                for (long first : LogRecovery.segmentFiles(dir)) {
                    Files.delete(dir.resolve(LogSegment.fileName(first)));
                }
            } else if (moving) {
                Files.createFile(marker);
                forceDirectory(dir);
            }
            buffer = new UplinkBuffer(dir, fsync, drops, lock);
            if (moving) {
                moveLegacy(legacy, buffer);
                Files.deleteIfExists(legacy);
                Files.delete(marker);
                forceDirectory(dir);
            } else {
                Files.deleteIfExists(marker);
            }
            return buffer;
        } catch (IOException | RuntimeException | AssertionError e) {
            if (buffer != null) {
                buffer.close();
            } else {
                lock.release();
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot open the uplink buffer in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Copies every record of the H2 file into the log and commits; salvages a damaged file instead. */
    private static void moveLegacy(Path legacy, UplinkBuffer buffer) throws IOException {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(legacy.toString()).autoCommitDisabled().cacheSize(4).open();
        } catch (RuntimeException | AssertionError e) {
            if (!isDamage(e)) {
                throw new IOException("cannot read the older buffer file " + legacy + ": " + e.getMessage(), e);
            }
            salvage(legacy, buffer, e.getMessage());
            return;
        }
        long moved = 0;
        try {
            if (store.hasMap("uplinks")) {
                MVMap<Long, byte[]> map = store.openMap("uplinks", new MVMap.Builder<Long, byte[]>()
                        .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
                Cursor<Long, byte[]> cursor = map.cursor(null);
                while (cursor.hasNext()) {
                    cursor.next();
                    buffer.append(cursor.getValue(), null);
                    if (++moved % MOVE_COMMIT_EVERY == 0) {
                        buffer.commit(false);
                    }
                }
            }
        } finally {
            store.closeImmediately();
        }
        buffer.commit(true);
        buffer.refreshOldest();
        LOG.info("Moved {} uplink(s) from the older buffer file {} into the buffer's segment files", moved,
                legacy.getFileName());
    }

    /** Corruption, not a passing condition (locked file, I/O error, newer format): only then is a file set aside. */
    private static boolean isDamage(Throwable e) {
        if (e instanceof MVStoreException m) {
            int code = m.getErrorCode();
            return code == DataUtils.ERROR_FILE_CORRUPT || code == DataUtils.ERROR_INTERNAL
                    || code == DataUtils.ERROR_CHUNK_NOT_FOUND;
        }
        return true;
    }

    /** Moves the damaged file aside and puts every record that can still be read into the buffer, oldest first. */
    private static void salvage(Path legacy, UplinkBuffer buffer, String cause) throws IOException {
        Path aside = BufferSalvage.setAside(legacy);
        LOG.error("The older uplink buffer file {} is damaged ({}); moved it to {}", legacy, cause,
                aside.getFileName());
        BufferSalvage.Result result = BufferSalvage.salvage(aside, cause, record -> buffer.append(record, null));
        buffer.commit(true);
        buffer.refreshOldest();
        buffer.salvaged(result);
        if (result.lost() < 0) {
            LOG.error("Nothing could be salvaged from {}: {}", aside.getFileName(), result.method());
        } else {
            LOG.warn("Salvaged {} uplink(s) from {} ({}), {} unreadable; they are queued again", result.recovered(),
                    aside.getFileName(), result.method(), result.lost());
        }
    }

    /** Makes a deletion or creation in the directory survive a power loss. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
