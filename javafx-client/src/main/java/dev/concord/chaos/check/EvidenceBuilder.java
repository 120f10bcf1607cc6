package dev.concord.chaos.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the longest prefix of a failed {@link KeySearch} into {@link Evidence}: replays the
 * prefix through the model, finds the remaining known operation that completes first, and
 * judges every operation real time allows to come next against the prefix's final value.
 * Unknown operations that would change nothing there are left out: they cannot matter.
 */
final class EvidenceBuilder {

    private EvidenceBuilder() {
    }

    /**
     * @param prefixOps the longest linearization the search reached, as indices into calls
     * @param length    how many entries of prefixOps it has
     */
    static Evidence build(RegisterModel model, RegisterModel.Call[] calls, int[] prefixOps,
                          int length) {
        boolean[] done = new boolean[calls.length];
        List<Evidence.Step> prefix = new ArrayList<>(length);
        int state = RegisterModel.ABSENT;
        for (int d = 0; d < length; d++) {
            RegisterModel.Call call = calls[prefixOps[d]];
            state = model.step(state, call);
            done[prefixOps[d]] = true;
            prefix.add(new Evidence.Step(call.index(), call.op(), model.value(state)));
        }
        RegisterModel.Call deadline = null;
        for (int i = 0; i < calls.length; i++) {
            if (!done[i] && !calls[i].unknown()
                    && (deadline == null || calls[i].complete() < deadline.complete()
                        || calls[i].complete() == deadline.complete()
                            && calls[i].index() < deadline.index())) {
                deadline = calls[i];
            }
        }
        if (deadline == null) {
            throw new IllegalStateException("a failed search left no known operation");
        }
        List<RegisterModel.Call> next = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            if (!done[i] && calls[i].invoke() <= deadline.complete()) {
                next.add(calls[i]);
            }
        }
        next.sort(Comparator.comparingLong(RegisterModel.Call::invoke)
                .thenComparingInt(RegisterModel.Call::index));
        List<Evidence.Candidate> candidates = new ArrayList<>();
        for (RegisterModel.Call call : next) {
            int after = model.step(state, call);
            if (after == RegisterModel.ILLEGAL) {
                candidates.add(new Evidence.Candidate(call.index(), call.op(), false,
                        model.whyIllegal(state, call)));
            } else if (!call.unknown() || after != state) {
                candidates.add(new Evidence.Candidate(call.index(), call.op(), true,
                        "would leave " + Op.quote(model.value(after))
                                + " but no linearization continues from there"));
            }
        }
        return new Evidence(calls.length, prefix, model.value(state), deadline.index(),
                candidates);
    }
}
