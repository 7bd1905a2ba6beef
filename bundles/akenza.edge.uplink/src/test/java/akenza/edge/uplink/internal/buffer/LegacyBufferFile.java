// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

/**
 * Writes a buffer file as gateways before the segment log left it: H2 MVStore 2.1.214 (Kura's own), map
 * {@code uplinks} from a sequence number to an encoded uplink, committed, never closed cleanly (the old
 * {@code UplinkBuffer.close} used {@code closeImmediately} after its last commit).
 */
final class LegacyBufferFile {

    private LegacyBufferFile() {
    }

    /**
     * @param dir the buffer directory
     * @param records encoded uplinks, stored under 1, 2, ...
     * @param removed how many of the first ones akenza acknowledged (removed, as the old drain did)
     */
    static void write(Path dir, List<byte[]> records, int removed) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve(BufferOpening.LEGACY_FILE).toString())
                .autoCommitDisabled().cacheSize(4).open();
        MVMap<Long, byte[]> map = store.openMap("uplinks",
                new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        long seq = 1;
        for (byte[] r : records) {
            map.put(seq++, r);
        }
        store.commit();
        for (long s = 1; s <= removed; s++) {
            map.remove(s);
        }
        store.commit();
        store.sync();
        store.closeImmediately();
    }
}
