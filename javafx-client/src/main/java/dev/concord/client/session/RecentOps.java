package dev.concord.client.session;

import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The last committed operations of one document, in server form (each applies to the text of the
 * revision before it), with the session that wrote each. Collaborators' carets arrive tagged with
 * the revision they were taken at; this carries them forward to the revision the session has.
 *
 * <p>Invariant: revisions are contiguous, the newest is the session's current revision. Not
 * thread-safe: the owning {@link DocumentSession} guards it.
 */
final class RecentOps {
    private record Committed(int revision, TextOperation op, String clientId) {
    }

    private final int capacity;
    private final ArrayDeque<Committed> ops = new ArrayDeque<>();

    RecentOps(int capacity) {
        this.capacity = capacity;
    }

    void add(int revision, TextOperation op, String clientId) {
        Committed last = ops.peekLast();
        if (last != null && last.revision() + 1 != revision) {
            ops.clear(); // a gap would transform carets wrongly; start over from here
        }
        ops.addLast(new Committed(revision, op, clientId));
        if (ops.size() > capacity) {
            ops.removeFirst();
        }
    }

    /**
     * {@code s}, owned by session {@code owner} and taken at revision {@code from}, at revision
     * {@code to}; empty when {@code from} is ahead of {@code to}, older than what is kept, or does
     * not fit the text (a stale or malformed caret).
     */
    Optional<Selection> forward(Selection s, String owner, int from, int to) {
        if (from > to) {
            return Optional.empty();
        }
        if (from < to && (ops.isEmpty() || ops.peekFirst().revision() > from + 1 || ops.peekLast().revision() < to)) {
            return Optional.empty();
        }
        Selection out = s;
        try {
            for (Committed c : ops) {
                if (c.revision() > from && c.revision() <= to) {
                    out = out.transform(c.op(), c.clientId().equals(owner));
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }
}
