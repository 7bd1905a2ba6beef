// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import akenza.edge.uplink.internal.status.DropReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening the buffer file: a file that fails to open because it is damaged is set aside, a fresh one takes
 * its place at once, and what can still be read is salvaged into it; other failures are reported to retry.
 */
final class BufferOpening {

    // Its lines are the buffer's: an operator filters one logger.
    private static final Logger LOG = LoggerFactory.getLogger(UplinkBuffer.class);
    private static final String FILE_NAME = "uplinks.mv.db";
    private static final int CACHE_MB = 4;

    private BufferOpening() {
    }

    /**
     * Opens (or creates) the buffer file in a directory.
     *
     * @param dir the directory, created when missing
     * @param fsync whether each commit is forced to the device (survives power loss, not only a process crash)
     * @param drops told about records dropped while reading (undecodable ones)
     * @return the open buffer
     * @throws IOException when the directory or the file cannot be opened
     */
    static UplinkBuffer open(Path dir, boolean fsync, ObjIntConsumer<DropReason> drops) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try {
            return openBuffer(file, fsync, drops);
        } catch (RuntimeException | AssertionError e) {
            if (!isDamage(e) || !Files.exists(file)) {
                throw new IOException("cannot open the uplink buffer in " + dir + ": " + e.getMessage(), e);
            }
            return replaceDamaged(file, fsync, drops, e.getMessage());
        }
    }

    /** Opens the store and reads its totals; closes the store again when that fails (releasing the file lock). */
    private static UplinkBuffer openBuffer(Path file, boolean fsync, ObjIntConsumer<DropReason> drops) {
        MVStore store = openStore(file);
        try {
            return new UplinkBuffer(file, store, fsync, drops);
        } catch (RuntimeException | AssertionError e) {
            store.closeImmediately();
            throw e;
        }
    }

    static MVStore openStore(Path file) {
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(CACHE_MB).open();
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

    /**
     * Moves the damaged file aside, starts a fresh buffer in its place so uplinks flow at once, and puts every
     * record that can still be read back into it, oldest first.
     */
    private static UplinkBuffer replaceDamaged(Path file, boolean fsync, ObjIntConsumer<DropReason> drops,
            String cause) throws IOException {
        Path aside = BufferSalvage.setAside(file);
        LOG.error("The uplink buffer {} is damaged ({}); moved it to {} and started a fresh buffer", file, cause,
                aside.getFileName());
        UplinkBuffer fresh;
        try {
            fresh = openBuffer(file, fsync, drops);
        } catch (RuntimeException e) {
            throw new IOException("cannot create a fresh uplink buffer " + file + ": " + e.getMessage(), e);
        }
        BufferSalvage.Result result = BufferSalvage.salvage(aside, cause, record -> fresh.append(record, null));
        fresh.commit(true);
        fresh.refreshOldest();
        fresh.salvaged(result);
        if (result.lost() < 0) {
            LOG.error("Nothing could be salvaged from {}: {}", aside.getFileName(), result.method());
        } else {
            LOG.warn("Salvaged {} uplink(s) from {} ({}), {} unreadable; they are queued again", result.recovered(),
                    aside.getFileName(), result.method(), result.lost());
        }
        return fresh;
    }
}
