package dev.concord.protocol;

/**
 * Stable error codes on the wire. Retryable codes describe the cluster, not the request: the client
 * library re-sends under the same (clientId, seq), so a retry can never apply a write twice.
 */
public enum ErrorCode {
    /** This node is not the leader; the reply names the leader when it knows one. */
    NOT_LEADER(true),
    /** No leader could be reached within the client's deadline: a majority of nodes is down or cut off. */
    NO_QUORUM(true),
    /** The node is starting, stopping, or lost leadership before the write committed. */
    UNAVAILABLE(true),
    /** No answer in time; the write may or may not have been applied (a retry finds out). */
    TIMEOUT(true),
    BAD_REQUEST(false),
    TOO_LARGE(false),
    NOT_FOUND(false),
    CONFLICT(false),
    STALE_REVISION(false),
    /** A (clientId, seq) older than the window the server remembers; the original result is gone. */
    STALE_SEQ(false),
    UNAUTHORIZED(false),
    /** Too many failed attempts (e.g. logins); the message says how long to wait. */
    RATE_LIMITED(false),
    /** Events before this index were pruned; the subscriber must reload state and resume from now. */
    FEED_TRUNCATED(false),
    /** Storing this would pass a user's or the cluster's file quota; the message says how much is used. */
    QUOTA_EXCEEDED(false),
    INTERNAL(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether re-sending the same request (same clientId and seq) may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
