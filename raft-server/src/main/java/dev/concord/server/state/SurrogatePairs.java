package dev.concord.server.state;

import dev.concord.ot.Component;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The start positions of the surrogate pairs in a document's head text, ascending: all apply needs
 * to refuse an op that would cut a pair, without the text. Text that is all in the Basic
 * Multilingual Plane has none, so for most documents the check and the update cost nothing; the
 * update is linear in the number of pairs (emoji, rare scripts), not in the text length.
 */
final class SurrogatePairs {
    static final int[] NONE = new int[0];

    private SurrogatePairs() {
    }

    static int[] decode(byte[] stored) {
        if (stored == null) {
            return NONE;
        }
        ByteBuffer b = ByteBuffer.wrap(stored);
        int[] out = new int[stored.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }

    static byte[] encode(int[] pairs) {
        ByteBuffer b = ByteBuffer.allocate(pairs.length * 4);
        for (int p : pairs) {
            b.putInt(p);
        }
        return b.array();
    }

    /** Pair starts in {@code text}, for building or checking an index. */
    static int[] of(String text) {
        int[] out = new int[8];
        int n = 0;
        for (int i = 0; i + 1 < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = i++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * BAD_REQUEST if a component of {@code op} starts between the halves of a pair: every boundary
     * where the op switches between retain, insert and delete must fall between whole characters.
     */
    static void requireNoSplit(int[] pairs, TextOperation op) {
        if (pairs.length == 0) {
            return;
        }
        int pos = 0;
        for (Component c : op.components()) {
            if (pos > 0 && Arrays.binarySearch(pairs, pos - 1) >= 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "op cuts a surrogate pair at position " + pos
                        + "; positions must fall between whole characters (UTF-16 code units, not inside an emoji)");
            }
            if (!(c instanceof Component.Insert)) {
                pos += c.length();
            }
        }
    }

    /** The index after {@code op}, which must have passed {@link #requireNoSplit}. */
    static int[] apply(int[] pairs, TextOperation op) {
        int[] out = new int[pairs.length + 8];
        int n = 0;
        int i = 0;
        int base = 0;
        int target = 0;
        for (Component c : op.components()) {
            if (c instanceof Component.Insert ins) {
                int[] added = of(ins.text());
                if (n + added.length > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + added.length));
                }
                for (int a : added) {
                    out[n++] = target + a;
                }
                target += ins.length();
                continue;
            }
            int end = base + c.length();
            boolean retain = c instanceof Component.Retain;
            for (; i < pairs.length && pairs[i] < end; i++) {
                if (retain) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2 + 8);
                    }
                    out[n++] = pairs[i] - base + target;
                }
            }
            if (retain) {
                target += c.length();
            }
            base = end;
        }
        return n == 0 ? NONE : Arrays.copyOf(out, n);
    }
}
