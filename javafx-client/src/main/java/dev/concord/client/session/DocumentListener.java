package dev.concord.client.session;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.ConcordException;

/**
 * What a {@link DocumentSession} reports. Calls come on the thread that caused them (the caller for
 * local edits, the feed or a session thread for the rest) while the session is locked: keep them
 * short and hand work to your own thread (a UI hops to its toolkit thread). No UI types here.
 */
public interface DocumentListener {

    /** Where a text change came from. */
    enum Origin { LOCAL, UNDO, REDO, REMOTE }

    /**
     * The local text became {@code text} by {@code op}. {@code revision} is the server revision the
     * session has incorporated. For remote changes {@code clientId}/{@code seq} identify the write that
     * made it; for local ones they are this session's id and the seq the edit goes out under.
     */
    record Change(TextOperation op, String text, int revision, Origin origin, String author, String clientId, long seq) {
    }

    void textChanged(Change change);

    /** The cluster committed this session's write {@code seq} as {@code revision}. */
    default void acknowledged(int revision, long seq) {
    }

    /** Someone renamed the document. */
    default void renamed(String path) {
    }

    /** A transient problem (no quorum, node unreachable); the session keeps retrying. */
    default void trouble(ConcordException problem) {
    }

    /** The session stopped (document deleted, edit refused); the text stays readable. */
    default void failed(ConcordException reason) {
    }
}
