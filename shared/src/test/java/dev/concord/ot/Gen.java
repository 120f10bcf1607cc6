package dev.concord.ot;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random documents and operations for the property and simulation tests. Text mixes ASCII, BMP
 * letters and astral characters (surrogate pairs), and operations only ever cut at code point
 * boundaries, so every generated operation is valid for its document.
 */
final class Gen {

    /** Single code points, as strings; a third of them are surrogate pairs. */
    static final String[] ALPHABET = {
        "a", "b", "c", " ", "\n", "é", "中", "😀", "𝄞", "👍"
    };

    private Gen() {
    }

    /** A document of 0 to 24 code points; one in eight is empty. */
    static String doc(Random r) {
        return r.nextInt(8) == 0 ? "" : text(r, r.nextInt(25));
    }

    /** A string of exactly {@code codePoints} code points from {@link #ALPHABET}. */
    static String text(Random r, int codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** A random operation that applies to {@code doc}. */
    static TextOperation op(Random r, String doc) {
        return op(r, doc, ALPHABET);
    }

    /** A random operation on {@code doc} whose inserts draw from {@code alphabet}. */
    static TextOperation op(Random r, String doc, String[] alphabet) {
        TextOperation.Builder b = TextOperation.builder();
        int pos = 0;
        while (pos < doc.length()) {
            int end = pos;
            for (int n = 1 + r.nextInt(4); n > 0 && end < doc.length(); n--) {
                end += Character.charCount(doc.codePointAt(end));
            }
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    b.retain(end - pos);
                    pos = end;
                }
                case 2 -> {
                    b.delete(end - pos);
                    pos = end;
                }
                default -> b.insert(insertText(r, alphabet));
            }
        }
        if (r.nextInt(3) == 0) {
            b.insert(insertText(r, alphabet));
        }
        return b.build();
    }

    /**
     * A keystroke-sized edit of {@code doc}: at one random code point boundary, delete up to
     * three code points and insert up to three. Documents stay small under long edit runs.
     */
    static TextOperation localEdit(Random r, String doc) {
        int at = boundary(doc, 0, r.nextInt(doc.codePointCount(0, doc.length()) + 1));
        int end = boundary(doc, at, r.nextInt(4));
        TextOperation.Builder b = TextOperation.builder().retain(at);
        if (r.nextBoolean()) {
            b.insert(text(r, 1 + r.nextInt(3)));
        }
        return b.delete(end - at).retain(doc.length() - end).build();
    }

    /** The index {@code codePoints} code points after {@code from}, stopping at the end. */
    private static int boundary(String doc, int from, int codePoints) {
        int i = from;
        for (int n = codePoints; n > 0 && i < doc.length(); n--) {
            i += Character.charCount(doc.codePointAt(i));
        }
        return i;
    }

    private static String insertText(Random r, String[] alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            sb.append(alphabet[r.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    /** A document with an operation on it. */
    record DocOp(String doc, TextOperation a) {
    }

    /** A document with two operations: concurrent ones, or {@code b} after {@code a}. */
    record DocTwo(String doc, TextOperation a, TextOperation b) {
    }

    static Arbitrary<DocOp> docOps() {
        return Arbitraries.randomValue(r -> {
            String doc = doc(r);
            return new DocOp(doc, op(r, doc));
        });
    }

    /** {@code a} and {@code b} both apply to {@code doc}. */
    static Arbitrary<DocTwo> concurrent() {
        return Arbitraries.randomValue(r -> {
            String doc = doc(r);
            return new DocTwo(doc, op(r, doc), op(r, doc));
        });
    }

    /** {@code b} applies to {@code a.apply(doc)}. */
    static Arbitrary<DocTwo> sequential() {
        return Arbitraries.randomValue(r -> {
            String doc = doc(r);
            TextOperation a = op(r, doc);
            return new DocTwo(doc, a, op(r, a.apply(doc)));
        });
    }
}
