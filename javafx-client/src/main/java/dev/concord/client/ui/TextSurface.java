package dev.concord.client.ui;

import dev.concord.ot.Selection;

/**
 * The editor control as {@link EditorViewModel} sees it, so the view model needs no control type
 * and tests can stand in a plain string. Calls come on the FX thread.
 */
public interface TextSurface {
    /** Replaces the whole text (opening, or healing a mismatch); the caret stays where it fits. */
    void reset(String text);

    /**
     * Applies someone else's change so that the local caret and selection stay on the characters
     * they were on; the control's own replace methods would move them (see NOTES.md).
     */
    void replaceRemote(int start, int end, String text);

    /** Applies an undo or redo step as if typed: the caret moves to it. */
    void replaceOwn(int start, int end, String text);

    int length();

    /** Puts the local selection where {@code s} says (anchor and caret). */
    void select(Selection s);

    Selection selection();
}
