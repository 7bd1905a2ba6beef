// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.buffer;

import java.util.Arrays;

/**
 * Sequence numbers removed since the last commit, for its removal frame: added by any thread (the upstream's
 * acknowledgements), drained by the writer. Bounded by the records in the buffer: each is removed once.
 */
final class RemovalQueue {

    private long[] seqs = new long[256];
    private int size;

    synchronized void add(long seq) {
        if (size == seqs.length) {
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        seqs[size++] = seq;
    }

    synchronized void addAll(long[] more) {
        for (long seq : more) {
            add(seq);
        }
    }

    /** @return everything added since the last drain, in order */
    synchronized long[] drain() {
        long[] out = Arrays.copyOf(seqs, size);
        size = 0;
        if (seqs.length > 4096) {
            seqs = new long[256]; // a drained backlog's burst does not stay on the heap
        }
        return out;
    }

    synchronized boolean isEmpty() {
        return size == 0;
    }
}
