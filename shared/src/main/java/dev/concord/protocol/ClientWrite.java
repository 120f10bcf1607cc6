package dev.concord.protocol;

/**
 * One write with its exactly-once identity: a client numbers its writes 1, 2, 3, ... and a retry
 * re-sends the same seq, which the state machine answers from its table instead of applying again.
 * {@code token} is the caller's session token (null when not logged in); the leader replaces it by
 * its hash before proposing, so the log never holds a token.
 */
public record ClientWrite(String clientId, long seq, Write op, String token) {

    /** A write made without a session. */
    public ClientWrite(String clientId, long seq, Write op) {
        this(clientId, seq, op, null);
    }
}
