package dev.concord.chaos.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The set of operations the search has linearized, kept as a stack (only the most recently
 * added operation is ever removed), together with the memo of visited (set, register value)
 * pairs.
 *
 * <p>Operation ids put the K known operations first, in invocation order, and the unknown
 * ones after them. The bits are laid out as {@code [known words | unknown words]}. Let
 * {@code low} be the smallest known id not in the set and {@code high} the largest known id
 * in it. Every known id below {@code low} is in the set; no known id above {@code high} is.
 * So the words from {@code low / 64} to {@code high / 64}, the unknown words, and the two
 * bounds determine the set exactly. That is what a memo entry stores. In a history whose
 * operations overlap only a few at a time, the window between {@code low} and {@code high}
 * is short, and an entry costs a few words rather than K / 64. Two sets are equal exactly
 * when their entries are equal, so the memo is exact; the hash only speeds up lookup.
 */
final class LinearizedSet {

    /** Approximate heap cost of one memo entry besides its words: node, key object, array. */
    private static final int ENTRY_OVERHEAD_BYTES = 96;

    private record Visited(long hash, int state, int from, long[] words) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Visited v && v.hash == hash && v.state == state
                    && v.from == from && Arrays.equals(v.words, words);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hash * 0x9E3779B97F4A7C15L + state);
        }
    }

    private final int knownCount;
    private final int knownWords;
    private final long[] bits;
    private final Set<Visited> visited = new HashSet<>();
    private long visitedBytes;
    private long hash;
    private int low;
    private int high = -1;
    /** lowBefore[s] and highBefore[s] hold the bounds from before the set grew to size s + 1. */
    private final int[] lowBefore;
    private final int[] highBefore;
    private int size;

    LinearizedSet(int knownCount, int unknownCount) {
        this.knownCount = knownCount;
        this.knownWords = (knownCount + 63) / 64;
        this.bits = new long[knownWords + (unknownCount + 63) / 64];
        this.lowBefore = new int[knownCount + unknownCount];
        this.highBefore = new int[knownCount + unknownCount];
    }

    /**
     * Adds {@code op} and records the grown set with register value {@code state} as
     * visited. If that pair was visited before, leaves the set unchanged and returns false.
     */
    boolean addIfUnvisited(int op, int state) {
        int bit = bit(op);
        bits[bit >>> 6] |= 1L << bit;
        int oldLow = low;
        int oldHigh = high;
        if (op < knownCount) {
            high = Math.max(high, op);
            while (low < knownCount && isSet(low)) {
                low++;
            }
        }
        long grownHash = hash ^ tag(op);
        Visited entry = new Visited(grownHash, state, low >>> 6, encode());
        if (!visited.add(entry)) {
            bits[bit >>> 6] &= ~(1L << bit);
            low = oldLow;
            high = oldHigh;
            return false;
        }
        visitedBytes += ENTRY_OVERHEAD_BYTES + 8L * entry.words().length;
        hash = grownHash;
        lowBefore[size] = oldLow;
        highBefore[size] = oldHigh;
        size++;
        return true;
    }

    /** Removes {@code op}, which must be the operation most recently added and not removed. */
    void removeLast(int op) {
        size--;
        int bit = bit(op);
        bits[bit >>> 6] &= ~(1L << bit);
        hash ^= tag(op);
        low = lowBefore[size];
        high = highBefore[size];
    }

    /** Estimated heap held by the memo, in bytes. */
    long visitedBytes() {
        return visitedBytes;
    }

    /** Whether {@code op} is in the set. */
    boolean contains(int op) {
        return isSet(op);
    }

    private boolean isSet(int op) {
        int bit = bit(op);
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    private int bit(int op) {
        return op < knownCount ? op : knownWords * 64 + (op - knownCount);
    }

    /** Known words from low / 64 through high / 64 (none if high is below), then unknown words. */
    private long[] encode() {
        int from = low >>> 6;
        int to = high < from * 64 ? from : (high >>> 6) + 1;
        int unknownWords = bits.length - knownWords;
        long[] words = new long[to - from + unknownWords];
        System.arraycopy(bits, from, words, 0, to - from);
        System.arraycopy(bits, knownWords, words, to - from, unknownWords);
        return words;
    }

    /** A fixed pseudo-random 64-bit tag per operation; a set's hash is the XOR of its tags. */
    private static long tag(int op) {
        long z = (op + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
