package dev.concord.ot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Undo and redo of this user's own edits only, as collaborative editors do it: undo reverts the
 * user's latest edit that is still undoable, and never another user's edit. Remote operations
 * that arrive in between are transformed into the stacks, so an undo applies cleanly to the
 * current document and leaves other users' text in place.
 *
 * <p>Invariant: both stacks hold operations that, applied top first, one after the other, start
 * from the current local document. Every change to the local document must therefore be
 * reported: the user's edits with {@link #recordLocal}, remote ones with
 * {@link #transformAgainstRemote}, and undo/redo results are applied by the caller right away.
 *
 * <p>An undo or redo result is a local edit: apply it and pass it to
 * {@link OtClient#applyClient}, but not to {@link #recordLocal} (the manager has already moved
 * its inverse to the other stack).
 */
public final class UndoManager {

    private final int maxItems;
    private final Deque<TextOperation> undo = new ArrayDeque<>();
    private final Deque<TextOperation> redo = new ArrayDeque<>();

    /**
     * A manager that remembers at most {@code maxItems} undo steps, dropping the oldest.
     *
     * @throws IllegalArgumentException if {@code maxItems < 1}
     */
    public UndoManager(int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive, got " + maxItems);
        }
        this.maxItems = maxItems;
    }

    /**
     * Records the user's edit {@code op}, made on {@code docBefore}, and clears the redo stack.
     * A no-op is ignored and keeps the redo stack, so that an empty edit cannot waste an undo
     * step or lose the redo history.
     */
    public void recordLocal(TextOperation op, String docBefore) {
        if (op.isNoop()) {
            op.requireBaseLength(docBefore.length());
            return;
        }
        push(undo, op.invert(docBefore));
        redo.clear();
    }

    /**
     * Carries both stacks over a remote operation that applies to the current local document
     * (what {@link OtClient#applyServer} returns). Steps whose effect the remote operation
     * removed entirely, e.g. undoing an insert someone else deleted, become no-ops and are
     * dropped.
     */
    public void transformAgainstRemote(TextOperation remote) {
        transformStack(undo, remote);
        transformStack(redo, remote);
    }

    /** True if {@link #undo} has something to return. */
    public boolean canUndo() {
        return !undo.isEmpty();
    }

    /** True if {@link #redo} has something to return. */
    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /**
     * Pops the latest undo step, to be applied to {@code currentDoc}; empty if there is none.
     * The current document is needed to record the inverse for redo.
     */
    public Optional<TextOperation> undo(String currentDoc) {
        return step(undo, redo, currentDoc);
    }

    /** Pops the latest redo step, to be applied to {@code currentDoc}; empty if there is none. */
    public Optional<TextOperation> redo(String currentDoc) {
        return step(redo, undo, currentDoc);
    }

    private Optional<TextOperation> step(Deque<TextOperation> from, Deque<TextOperation> to, String doc) {
        TextOperation op = from.peekFirst();
        if (op == null) {
            return Optional.empty();
        }
        TextOperation inverse = op.invert(doc);
        from.removeFirst();
        push(to, inverse);
        return Optional.of(op);
    }

    private void push(Deque<TextOperation> stack, TextOperation op) {
        stack.addFirst(Objects.requireNonNull(op));
        if (stack.size() > maxItems) {
            stack.removeLast();
        }
    }

    /**
     * The stack's steps form a chain from the current document; walk it top down, carrying the
     * remote operation along: at each step the remote side is already applied, so it is the
     * left (winning) argument, as for every committed-versus-pending transform in Concord.
     */
    private static void transformStack(Deque<TextOperation> stack, TextOperation remote) {
        List<TextOperation> kept = new ArrayList<>(stack.size());
        TextOperation carried = remote;
        for (TextOperation step : stack) {
            TextOperation.Pair p = TextOperation.transform(carried, step);
            if (!p.bPrime().isNoop()) {
                kept.add(p.bPrime());
            }
            carried = p.aPrime();
        }
        stack.clear();
        stack.addAll(kept);
    }
}
