// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One buffer directory, one user: two gateways (or two forwarders in one) appending to the same files would
 * corrupt each other's records. Held from open to close; the operating system releases it if the process dies.
 */
final class BufferLock {

    static final String FILE_NAME = "uplinks.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private BufferLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IOException when another process (or another buffer in this one) holds the directory */
    static BufferLock acquire(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (held == null) {
            ch.close();
            throw new IOException("the uplink buffer in " + dir + " is in use by another process");
        }
        return new BufferLock(ch, held);
    }

    /** Releases the directory; again is harmless. */
    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing releases it anyway
        }
    }
}
