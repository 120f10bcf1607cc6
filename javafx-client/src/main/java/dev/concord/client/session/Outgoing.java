package dev.concord.client.session;

import java.util.concurrent.CompletableFuture;

/**
 * A message typed in this session, as its sender sees it.
 * <pre>
 *   PENDING --committed--> SENT (id known)
 *      |  (no leader: stays PENDING and is re-sent under the same (clientId, seq))
 *      +----refused------> FAILED (error says why and what to do)
 * </pre>
 */
public final class Outgoing {
    /** Where a typed message stands. */
    public enum Status { PENDING, SENT, FAILED }

    private final long localId;
    private final String to;
    private final String text;
    private final CompletableFuture<Long> sent = new CompletableFuture<>();
    private volatile Status status = Status.PENDING;
    private volatile long id;
    private volatile String error;

    Outgoing(long localId, String to, String text) {
        this.localId = localId;
        this.to = to;
        this.text = text;
    }

    /** Position in this session's typing order (1, 2, ...), known before the server assigns an id. */
    public long localId() {
        return localId;
    }

    public String to() {
        return to;
    }

    public String text() {
        return text;
    }

    public Status status() {
        return status;
    }

    /** The message id once SENT, else 0. */
    public long id() {
        return id;
    }

    /** Why it FAILED, else null. */
    public String error() {
        return error;
    }

    /** Completes with the message id when sent; fails with the refusal. */
    public CompletableFuture<Long> sent() {
        return sent;
    }

    void succeeded(long messageId) {
        id = messageId;
        status = Status.SENT;
        sent.complete(messageId);
    }

    void failed(RuntimeException e) {
        error = e.getMessage();
        status = Status.FAILED;
        sent.completeExceptionally(e);
    }

    @Override
    public String toString() {
        return "Outgoing[" + localId + " to " + to + ": " + status + (id > 0 ? " id " + id : "")
                + (error != null ? " (" + error + ")" : "") + "]";
    }
}
