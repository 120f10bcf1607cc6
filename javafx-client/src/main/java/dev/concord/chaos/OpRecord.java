package dev.concord.chaos;

import dev.concord.chaos.check.Op;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;

/**
 * One client operation of any workload, as the availability check and the report see it.
 *
 * @param workload      the workload's name
 * @param process       the history process that issued it
 * @param write         whether it asked for a state change
 * @param invokeNanos   when it was sent ({@code System.nanoTime()})
 * @param completeNanos when the client got an answer or gave up; {@code Long.MAX_VALUE} if it never returned
 * @param outcome       OK, FAIL (definitely no effect) or UNKNOWN (may have taken effect)
 * @param error         the error code for FAIL and UNKNOWN, else null
 */
public record OpRecord(String workload, int process, boolean write, long invokeNanos, long completeNanos,
                       Op.Outcome outcome, ErrorCode error) {

    /**
     * The outcome of a write that failed with {@code e}. Retryable codes (NO_QUORUM, TIMEOUT,
     * UNAVAILABLE, NOT_LEADER) describe the cluster, not the write: it may have been proposed and
     * may still commit, so its effect is unknown. Every other code is a definite refusal.
     */
    public static Op.Outcome writeOutcome(ConcordException e) {
        return e.code().retryable() ? Op.Outcome.UNKNOWN : Op.Outcome.FAIL;
    }

    public long durationNanos() {
        return completeNanos - invokeNanos;
    }
}
