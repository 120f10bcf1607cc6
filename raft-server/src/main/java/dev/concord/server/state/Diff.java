package dev.concord.server.state;

import dev.concord.ot.TextOperation;

/**
 * The op from one text to another as a single replacement between their common prefix and suffix:
 * deterministic, linear, and never cutting a surrogate pair (both ends back off to a character
 * boundary). Used by restore, where the size of the op matters less than being one revision.
 */
final class Diff {
    private Diff() {
    }

    static TextOperation between(String from, String to) {
        int max = Math.min(from.length(), to.length());
        int prefix = 0;
        while (prefix < max && from.charAt(prefix) == to.charAt(prefix)) {
            prefix++;
        }
        if (prefix > 0 && prefix < max && Character.isHighSurrogate(from.charAt(prefix - 1))) {
            prefix--;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && from.charAt(from.length() - 1 - suffix) == to.charAt(to.length() - 1 - suffix)) {
            suffix++;
        }
        if (suffix > 0 && suffix < max - prefix && Character.isLowSurrogate(from.charAt(from.length() - suffix))) {
            suffix--;
        }
        return TextOperation.builder()
                .retain(prefix)
                .delete(from.length() - prefix - suffix)
                .insert(to.substring(prefix, to.length() - suffix))
                .retain(suffix)
                .build();
    }
}
