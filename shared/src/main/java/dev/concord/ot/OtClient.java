package dev.concord.ot;

import java.util.Objects;

/**
 * The client side of Concord's OT protocol as a state machine with no I/O (after ot.js's
 * {@code Client}). At most one operation is in flight; local edits made meanwhile are composed
 * into a buffer that goes out when the server acknowledges the in-flight one.
 *
 * <pre>
 *                applyClient                      applyClient
 *  Synchronized ------------> AwaitingConfirm ------------------> AwaitingWithBuffer
 *       ^                      |  ^                                  |   | applyClient
 *       +------ serverAck -----+  +-------- serverAck (sends buffer)-+   | (compose into buffer)
 *  applyServer: stays in the same state, transforming what is pending against the server's op
 * </pre>
 *
 * <p><b>Revisions.</b> {@link #revision()} counts the server operations this client has
 * incorporated, its own acknowledged ones included. Every operation is sent with that revision
 * as its base: the server transforms it against what was committed since, with
 * {@link Rebase#onto}.
 *
 * <p><b>Tie-break.</b> A server operation is already committed and the pending local operations
 * are not, so this client calls {@code TextOperation.transform(serverOp, pending)}: the committed
 * operation's insert goes first, exactly as on the server.
 *
 * <p><b>Sequence numbers.</b> Each distinct operation sent gets the next {@code seq}, starting at
 * 1; a resend after reconnect repeats the seq of the operation it resends, so that a server
 * deduplicating by (clientId, seq) applies it at most once. A client id must therefore not be
 * reused by another {@code OtClient} instance.
 *
 * <p>Not thread-safe: drive it from one thread (the session's).
 */
public final class OtClient {

    /** Where the client's outgoing operations go; called synchronously from the client's methods. */
    @FunctionalInterface
    public interface Sender {
        /** Sends {@code op}, based on server revision {@code revision}, as the client's {@code seq}-th operation. */
        void send(int revision, long seq, TextOperation op);
    }

    /** The three protocol states. */
    public sealed interface State permits Synchronized, AwaitingConfirm, AwaitingWithBuffer {
    }

    /** Nothing in flight: the local document equals the server's at {@link #revision()}. */
    public record Synchronized() implements State {
    }

    /** {@code outstanding} has been sent and is not acknowledged yet. */
    public record AwaitingConfirm(TextOperation outstanding) implements State {
        /** @throws NullPointerException if {@code outstanding} is null */
        public AwaitingConfirm {
            Objects.requireNonNull(outstanding, "outstanding");
        }
    }

    /** {@code outstanding} is in flight; {@code buffer} holds local edits made after it, unsent. */
    public record AwaitingWithBuffer(TextOperation outstanding, TextOperation buffer) implements State {
        /** @throws NullPointerException if either is null */
        public AwaitingWithBuffer {
            Objects.requireNonNull(outstanding, "outstanding");
            Objects.requireNonNull(buffer, "buffer");
        }
    }

    private final Sender sender;
    private State state = new Synchronized();
    private int revision;
    private long seq;

    /**
     * A client whose document is the server's at {@code revision}.
     *
     * @throws IllegalArgumentException if {@code revision} is negative
     */
    public OtClient(int revision, Sender sender) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative, got " + revision);
        }
        this.revision = revision;
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** Number of server operations incorporated; the base revision of the next send. */
    public int revision() {
        return revision;
    }

    /** The seq of the most recently sent operation, 0 before the first send. */
    public long lastSentSeq() {
        return seq;
    }

    /**
     * Records a local edit, already applied to the local document: sends it if nothing is in
     * flight, otherwise composes it into the buffer.
     */
    public void applyClient(TextOperation op) {
        Objects.requireNonNull(op, "op");
        if (state instanceof AwaitingConfirm s) {
            state = new AwaitingWithBuffer(s.outstanding(), op);
        } else if (state instanceof AwaitingWithBuffer s) {
            state = new AwaitingWithBuffer(s.outstanding(), s.buffer().compose(op));
        } else {
            sender.send(revision, ++seq, op);
            state = new AwaitingConfirm(op);
        }
    }

    /**
     * Incorporates another client's operation committed at base revision {@code revision} and
     * returns the operation to apply to the local document (which includes pending local edits).
     *
     * @throws IllegalStateException if {@code revision} is not {@link #revision()}: a server
     *     operation was missed, repeated or reordered, and the session must resynchronise
     */
    public TextOperation applyServer(int revision, TextOperation op) {
        Objects.requireNonNull(op, "op");
        if (revision != this.revision) {
            throw new IllegalStateException("server operation is based on revision " + revision
                    + " but the client is at revision " + this.revision);
        }
        TextOperation toApply = op;
        if (state instanceof AwaitingConfirm s) {
            TextOperation.Pair p = TextOperation.transform(op, s.outstanding());
            toApply = p.aPrime();
            state = new AwaitingConfirm(p.bPrime());
        } else if (state instanceof AwaitingWithBuffer s) {
            // Two transform squares, server side always the left argument (committed text
            // wins ties): op vs outstanding gives op' and outstanding'; op' vs buffer gives
            // op'' (applied locally) and buffer'.
            TextOperation.Pair p1 = TextOperation.transform(op, s.outstanding());
            TextOperation.Pair p2 = TextOperation.transform(p1.aPrime(), s.buffer());
            toApply = p2.aPrime();
            state = new AwaitingWithBuffer(p1.bPrime(), p2.bPrime());
        }
        this.revision++;
        return toApply;
    }

    /**
     * The server committed the outstanding operation: the client moves on, sending the buffer
     * if there is one.
     *
     * @throws IllegalStateException if nothing is outstanding
     */
    public void serverAck() {
        if (state instanceof AwaitingConfirm) {
            revision++;
            state = new Synchronized();
        } else if (state instanceof AwaitingWithBuffer s) {
            revision++;
            sender.send(revision, ++seq, s.buffer());
            state = new AwaitingConfirm(s.buffer());
        } else {
            throw new IllegalStateException("acknowledgement while no operation is outstanding");
        }
    }

    /**
     * After a reconnect: re-sends the outstanding operation, if any, with its original seq and
     * the current revision as its base. The server must then deliver in order every operation
     * committed since that revision; if the first send got through, one of them is the
     * outstanding operation itself (pass it to {@link #serverAck}), and the server drops the
     * resend as a duplicate of its (clientId, seq).
     */
    public void serverReconnect() {
        if (state instanceof AwaitingConfirm s) {
            sender.send(revision, seq, s.outstanding());
        } else if (state instanceof AwaitingWithBuffer s) {
            sender.send(revision, seq, s.outstanding());
        }
    }

    /**
     * Moves a selection reported by another user, in server coordinates at {@link #revision()},
     * into the local document by passing it through the pending local operations; those are
     * not the selection owner's edits, so an insert at its caret stays after the caret.
     */
    public Selection transformSelection(Selection remote) {
        if (state instanceof AwaitingConfirm s) {
            return remote.transform(s.outstanding(), false);
        } else if (state instanceof AwaitingWithBuffer s) {
            return remote.transform(s.outstanding(), false).transform(s.buffer(), false);
        }
        return remote;
    }
}
