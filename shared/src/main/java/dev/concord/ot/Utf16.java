package dev.concord.ot;

/**
 * UTF-16 well-formedness checks. Positions in Concord are UTF-16 code units (Java {@code String}
 * indices, the same unit as JavaScript), so the only way an operation can corrupt text is by
 * cutting between the two halves of a surrogate pair or by carrying a lone surrogate.
 */
final class Utf16 {

    private Utf16() {
    }

    /** Throws if {@code text} contains a surrogate that is not half of a well-formed pair. */
    static void requireWellFormed(String text, String what) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i += 2;
                    continue;
                }
                throw loneSurrogate(what, c, i);
            }
            if (Character.isLowSurrogate(c)) {
                throw loneSurrogate(what, c, i);
            }
            i++;
        }
    }

    /** True if {@code index} falls strictly between a high surrogate and its low surrogate. */
    static boolean splitsPair(CharSequence text, int index) {
        return index > 0 && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index));
    }

    private static IllegalArgumentException loneSurrogate(String what, char c, int index) {
        return new IllegalArgumentException(String.format(
                "%s contains a lone surrogate U+%04X at index %d; text must be well-formed UTF-16",
                what, (int) c, index));
    }
}
