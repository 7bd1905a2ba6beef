// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import java.util.HashSet;
import java.util.Set;

/**
 * The records of one connection sent and not yet settled, oldest first, with when each was sent: a ring of
 * primitive slots (no boxing, no map node per message). Acknowledgements mostly come in order, so a removal
 * usually finds its record at the head. Thread-safe (the sender and the client's I/O thread both use it).
 */
final class InflightWindow {

    private static final long FREE = Long.MIN_VALUE;

    private long[] seqs = new long[32];
    private long[] sentAt = new long[32];
    private int head;
    private int tail;
    private int size;

    /** @param seq sent now, after every record added before (sequence numbers grow) */
    synchronized void add(long seq, long nanos) {
        if (tail - head == seqs.length) {
            grow();
        }
        int i = tail++ & (seqs.length - 1);
        seqs[i] = seq;
        sentAt[i] = nanos;
        size++;
    }

    private void grow() {
        int n = seqs.length;
        long[] s = new long[n * 2];
        long[] t = new long[n * 2];
        for (int k = 0; k < n; k++) {
            s[k] = seqs[(head + k) & (n - 1)];
            t[k] = sentAt[(head + k) & (n - 1)];
        }
        seqs = s;
        sentAt = t;
        tail = n;
        head = 0;
    }

    /** @return whether the record was inflight (and is not any more) */
    synchronized boolean remove(long seq) {
        int mask = seqs.length - 1;
        for (int k = head; k != tail; k++) {
            if (seqs[k & mask] == seq) {
                seqs[k & mask] = FREE;
                size--;
                while (head != tail && seqs[head & mask] == FREE) {
                    head++;
                }
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return size;
    }

    /** @return when the oldest inflight record was sent ({@link System#nanoTime()}), or {@code FREE} when none */
    synchronized long oldestSentAt() {
        return size == 0 ? FREE : sentAt[head & (seqs.length - 1)];
    }

    /** @return whether {@link #oldestSentAt} found one */
    static boolean any(long sentAt) {
        return sentAt != FREE;
    }

    /** @return a copy of the inflight sequence numbers */
    synchronized Set<Long> seqs() {
        Set<Long> copy = new HashSet<>();
        int mask = seqs.length - 1;
        for (int k = head; k != tail; k++) {
            if (seqs[k & mask] != FREE) {
                copy.add(seqs[k & mask]);
            }
        }
        return copy;
    }
}
