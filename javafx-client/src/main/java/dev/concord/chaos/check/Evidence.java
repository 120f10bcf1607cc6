package dev.concord.chaos.check;

import java.util.List;
import java.util.Locale;

/**
 * Why one key's history is not linearizable, as found by the search: the longest prefix it
 * managed to linearize, the register value that prefix leaves, and the operations that could
 * have come next, none of which leads to a complete linearization.
 *
 * <p>Several prefixes may be equally long; this is the first one the search reached. The
 * candidates are the operations still to linearize that were invoked no later than the
 * earliest completion among them (the {@code deadline} operation): exactly the operations
 * real time allows to come next. Each is either illegal in the final state, or legal but
 * the search found every continuation from it to fail.
 *
 * @param opCount          operations on this key that the search considered (FAIL ops dropped)
 * @param prefix           the longest linearizable prefix, in linearization order
 * @param stateAfterPrefix the register value after the prefix; null for absent
 * @param deadlineIndex    history index of the remaining operation that completes first
 * @param candidates       the operations that could come next, by invocation time
 */
public record Evidence(int opCount, List<Step> prefix, String stateAfterPrefix,
                       int deadlineIndex, List<Candidate> candidates) {

    /**
     * One operation of the prefix.
     *
     * @param index      position of the operation in the checked history
     * @param op         the operation
     * @param stateAfter the register value after it; null for absent
     */
    public record Step(int index, Op op, String stateAfter) {
    }

    /**
     * One operation that could have come after the prefix.
     *
     * @param index  position of the operation in the checked history
     * @param op     the operation
     * @param legal  whether the model allows it after the prefix
     * @param reason why it is illegal, or the state it would leave
     */
    public record Candidate(int index, Op op, boolean legal, String reason) {
    }

    public Evidence {
        prefix = List.copyOf(prefix);
        candidates = List.copyOf(candidates);
    }

    /**
     * Renders the evidence for a report, one item per line, each line starting with
     * {@code indent}.
     *
     * @param originNanos    time shown as +0 (the history's first invocation)
     * @param maxPrefixLines how many of the prefix's last steps to show
     */
    public String toText(String indent, long originNanos, int maxPrefixLines) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(prefix.size(), Math.max(0, maxPrefixLines));
        out.append(indent).append("longest linearizable prefix: ").append(prefix.size())
                .append(" of ").append(opCount).append(" ops");
        if (shown < prefix.size()) {
            out.append(" (last ").append(shown).append(" shown)");
        }
        out.append('\n');
        for (Step step : prefix.subList(prefix.size() - shown, prefix.size())) {
            out.append(indent).append("  ").append(line(step.index(), step.op(), originNanos))
                    .append("  => ").append(Op.quote(step.stateAfter())).append('\n');
        }
        out.append(indent).append("then the register holds ").append(Op.quote(stateAfterPrefix))
                .append(" and no operation that may come next leads to a linearization:\n");
        for (Candidate candidate : candidates) {
            out.append(indent).append("  ")
                    .append(line(candidate.index(), candidate.op(), originNanos))
                    .append("  ").append(candidate.legal() ? "dead end: " : "illegal: ")
                    .append(candidate.reason());
            if (candidate.index() == deadlineIndex) {
                out.append(" (completes first)");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code #index [+start, +end] description}, times in milliseconds after the origin. */
    static String line(int index, Op op, long originNanos) {
        String end = op.completeNanos() == Op.NEVER
                ? "never"
                : millis(op.completeNanos() - originNanos);
        return "#" + index + " [" + millis(op.invokeNanos() - originNanos) + ", " + end + "] "
                + op.describe();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "+%.3fms", nanos / 1e6);
    }
}
