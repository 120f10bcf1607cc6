package dev.concord.client.session;

import dev.concord.ot.Component;
import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;

/**
 * Maps selections backwards through an operation: from the text {@code op} produces to the text
 * it applies to. A publisher uses it to express its caret in server coordinates, undoing the
 * edits the server has not acknowledged yet.
 *
 * <p>Text the operation inserted has no place in the older text: an index inside it collapses to
 * where the insert happened, which is where a receiver's forward transform through the same edit
 * (as the owner's own op) puts it back after the inserted text. An index at the start of deleted
 * text stays in front of it.
 */
final class SelectionMapper {
    private SelectionMapper() {
    }

    static Selection toBase(Selection s, TextOperation op) {
        int anchor = toBase(s.anchor(), op);
        return s.isCaret() ? Selection.caret(anchor) : new Selection(anchor, toBase(s.head(), op));
    }

    /** @throws IllegalArgumentException if {@code index} is outside {@code [0, op.targetLength()]} */
    static int toBase(int index, TextOperation op) {
        if (index < 0 || index > op.targetLength()) {
            throw new IllegalArgumentException("index " + index + " is outside the text [0, " + op.targetLength()
                    + "] the operation produces");
        }
        int target = 0;
        int base = 0;
        for (Component c : op.components()) {
            int n = c.length();
            if (c instanceof Component.Retain) {
                if (index - target <= n) {
                    return base + index - target;
                }
                target += n;
                base += n;
            } else if (c instanceof Component.Insert) {
                if (index - target <= n) {
                    return base;
                }
                target += n;
            } else {
                if (index == target) {
                    return base;
                }
                base += n;
            }
        }
        return base;
    }
}
