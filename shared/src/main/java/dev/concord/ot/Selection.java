package dev.concord.ot;

import dev.concord.ot.Component.Delete;
import dev.concord.ot.Component.Insert;

/**
 * A selection in a document: {@code anchor} is the fixed end, {@code head} the end with the
 * caret; equal ends are a plain caret. Indices are UTF-16 code units in {@code [0, length]}.
 *
 * <p>Transforming through an operation moves both ends as the text around them moves. The one
 * ambiguous case, an insert exactly at an index, is settled by whose edit it is: our own insert
 * pushes the caret after it (we were typing there), a remote insert leaves it before (another
 * user typing at our caret must not drag it along).
 */
public record Selection(int anchor, int head) {

    /** @throws IllegalArgumentException if an end is negative */
    public Selection {
        if (anchor < 0 || head < 0) {
            throw new IllegalArgumentException("selection ends must not be negative: " + anchor + ", " + head);
        }
    }

    /** A caret (empty selection) at {@code index}. */
    public static Selection caret(int index) {
        return new Selection(index, index);
    }

    /** True if this is a plain caret. */
    public boolean isCaret() {
        return anchor == head;
    }

    /** The smaller end. */
    public int start() {
        return Math.min(anchor, head);
    }

    /** The larger end. */
    public int end() {
        return Math.max(anchor, head);
    }

    /**
     * This selection in the document {@code op} produces. Both ends move by the same monotone
     * map, so the result lies in {@code [0, op.targetLength()]} and {@code anchor <= head} stays
     * true (or false) after the move.
     *
     * @param ownOp whether {@code op} is this selection owner's own edit; see the type comment
     * @throws IllegalArgumentException if an end is beyond {@code op.baseLength()}
     */
    public Selection transform(TextOperation op, boolean ownOp) {
        int newAnchor = transformIndex(anchor, op, ownOp);
        return isCaret() ? caret(newAnchor) : new Selection(newAnchor, transformIndex(head, op, ownOp));
    }

    /**
     * Where {@code index} of the base document lands in the document {@code op} produces. An
     * index inside deleted text collapses to where the deletion happened; an insert exactly at
     * {@code index} moves the index past the inserted text if {@code ownOp}, and leaves it in
     * front of that text otherwise. The map is
     * monotone: {@code i <= j} implies {@code transformIndex(i) <= transformIndex(j)}.
     *
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, op.baseLength()]}
     */
    public static int transformIndex(int index, TextOperation op, boolean ownOp) {
        if (index < 0 || index > op.baseLength()) {
            throw new IllegalArgumentException("index " + index + " is outside the document [0, "
                    + op.baseLength() + "] the operation applies to");
        }
        int result = index;
        int pos = 0; // position in the base document where the current component starts
        for (Component c : op.components()) {
            if (pos > index) {
                break;
            }
            if (c instanceof Insert) {
                if (pos < index || ownOp) {
                    result += c.length();
                }
            } else {
                if (c instanceof Delete) {
                    result -= Math.min(c.length(), index - pos);
                }
                pos += c.length();
            }
        }
        return result;
    }
}
