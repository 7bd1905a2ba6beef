// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recently appended records, as the writer had them before encoding, and those the reader read ahead
 * from the file: while the drain keeps up with the devices it takes them from here instead of reading them back
 * from the file and decoding them again (a B-tree descent, a copy and a decode per message). Only a cache: every
 * record stays in the file until it is acknowledged, and a miss sends the reader to the file.
 *
 * <p>Bounded: {@value #CAPACITY} slots indexed by sequence number, records up to {@value #MAX_RECORD_BYTES}
 * encoded bytes (larger ones are read from the file): at most 4 MiB of uplinks on the heap.
 */
final class RecentRecords {

    /**
     * Slots for a drain several thousand records behind the devices (a burst of 10 devices x 10,000 uplinks runs
     * about 6,000 ahead of the upstream); records of up to {@link #MAX_RECORD_BYTES}, so the bound stays 4 MiB.
     */
    static final int CAPACITY = 8192;
    static final int MAX_RECORD_BYTES = 512;

    private final AtomicReferenceArray<BufferedUplink> slots = new AtomicReferenceArray<>(CAPACITY);

    private static int index(long seq) {
        return (int) (seq & (CAPACITY - 1));
    }

    /**
     * After the record is in the map (the writer appending, a reader reading ahead). A record too large for the
     * cache only frees its slot.
     */
    void put(BufferedUplink record) {
        slots.set(index(record.seq()), record.size() <= MAX_RECORD_BYTES ? record : null);
    }

    /** @return the record with this sequence number, or {@code null} when it is not here (removed, evicted) */
    BufferedUplink get(long seq) {
        BufferedUplink b = slots.get(index(seq));
        return b != null && b.seq() == seq ? b : null;
    }

    /** Before the record leaves the map: a reader then finds it in neither place, or in both. */
    void forget(long seq) {
        int i = index(seq);
        BufferedUplink b = slots.get(i);
        if (b != null && b.seq() == seq) {
            slots.compareAndSet(i, b, null);
        }
    }

    /** After a reopen the file holds only its last commit: records appended since then must not be served. */
    void clear() {
        for (int i = 0; i < CAPACITY; i++) {
            slots.set(i, null);
        }
    }
}
