package dev.concord.client.session;

import dev.concord.ot.OtClient;
import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.presence.Caret;
import java.util.Optional;

/**
 * Caret arithmetic for one {@link DocumentSession}, which guards it with its lock.
 *
 * <p>Publishing: the local text is the server text at {@code ot.revision()} with the pending ops
 * (outstanding, then buffer) applied, so the local selection is mapped back through the buffer and
 * then the outstanding op ({@link SelectionMapper}) and tagged with that revision.
 *
 * <p>Placing: a collaborator's caret taken at revision {@code r} is carried forward through the
 * committed ops after {@code r} (its owner's own ops push it past their inserts, everyone else's
 * do not), then through this session's pending ops, which are never the owner's. A caret from a
 * revision this session has not reached yet, or from too far back, waits for the next publish.
 */
final class SessionCarets {
    private static final int KEEP_OPS = 1_024;

    private final RecentOps recent = new RecentOps(KEEP_OPS);

    /** Revision {@code rev} committed {@code op} (server form), written by session {@code clientId}. */
    void committed(int rev, TextOperation op, String clientId) {
        recent.add(rev, op, clientId);
    }

    Caret publish(String clientId, String user, OtClient ot, Selection local) {
        Selection s = local;
        OtClient.State st = ot.state();
        if (st instanceof OtClient.AwaitingWithBuffer b) {
            s = SelectionMapper.toBase(SelectionMapper.toBase(s, b.buffer()), b.outstanding());
        } else if (st instanceof OtClient.AwaitingConfirm c) {
            s = SelectionMapper.toBase(s, c.outstanding());
        }
        return new Caret(clientId, user, ot.revision(), s.anchor(), s.head());
    }

    Optional<Selection> place(Caret remote, OtClient ot, int localLength) {
        Selection s;
        try {
            s = new Selection(remote.anchor(), remote.head());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return recent.forward(s, remote.clientId(), remote.revision(), ot.revision()).flatMap(atHead -> {
            try {
                Selection local = ot.transformSelection(atHead);
                return local.end() <= localLength ? Optional.of(local) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // the caret does not fit the text it claims: drop it
            }
        });
    }

    /** The op in flight, which the next acknowledgement commits. */
    static TextOperation outstanding(OtClient ot) {
        OtClient.State st = ot.state();
        if (st instanceof OtClient.AwaitingConfirm c) {
            return c.outstanding();
        } else if (st instanceof OtClient.AwaitingWithBuffer b) {
            return b.outstanding();
        }
        throw new IllegalStateException("no op in flight");
    }
}
