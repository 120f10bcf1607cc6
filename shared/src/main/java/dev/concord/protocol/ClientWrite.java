package dev.concord.protocol;

/**
 * One write with its exactly-once identity: a client numbers its writes 1, 2, 3, ... and a retry
 * re-sends the same seq, which the state machine answers from its table instead of applying again.
 */
public record ClientWrite(String clientId, long seq, Write op) {
}
