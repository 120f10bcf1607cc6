package dev.concord.chaos.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of checking a whole history: one {@link KeyResult} per key, in key order.
 *
 * @param verdict      the combination of the keys' verdicts (see {@link Verdict#and})
 * @param keys         per-key results, sorted by key
 * @param opCount      operations in the history, FAIL ones included
 * @param originNanos  the earliest invocation time in the history; reports show times after it
 * @param elapsedNanos wall time the whole check took
 */
public record CheckResult(Verdict verdict, List<KeyResult> keys, int opCount, long originNanos,
                          long elapsedNanos) {

    public CheckResult {
        keys = List.copyOf(keys);
    }

    /** Combines per-key results, in any order, into the history's result. */
    public static CheckResult of(List<KeyResult> keys, int opCount, long originNanos,
                                 long elapsedNanos) {
        Map<String, KeyResult> sorted = new TreeMap<>();
        Verdict verdict = Verdict.PASS;
        for (KeyResult key : keys) {
            sorted.put(key.key(), key);
            verdict = verdict.and(key.verdict());
        }
        return new CheckResult(verdict, List.copyOf(sorted.values()), opCount, originNanos,
                elapsedNanos);
    }

    /** Whether every key passed. */
    public boolean isLinearizable() {
        return verdict == Verdict.PASS;
    }

    /** The result for {@code key}, or null if the history has no operation on it. */
    public KeyResult key(String key) {
        return keys.stream().filter(k -> k.key().equals(key)).findFirst().orElse(null);
    }

    /** The keys whose verdict is {@code verdict}. */
    public List<KeyResult> withVerdict(Verdict verdict) {
        return keys.stream().filter(k -> k.verdict() == verdict).toList();
    }

    /** The report with the last 20 prefix steps of each failure; see {@link #toText(int)}. */
    public String toText() {
        return toText(20);
    }

    /**
     * A plain-text report: a summary line, then every key that did not pass. Operations are
     * shown as {@code #i [start, end] description}, where {@code i} is the operation's 0-based
     * position in the history and times are milliseconds after its first invocation.
     *
     * @param maxPrefixLines how many of each failure's last prefix steps to show
     */
    public String toText(int maxPrefixLines) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "linearizability: %s (%d keys: %d pass, %d fail, %d unknown; %d ops; %.3f s)\n",
                verdict, keys.size(), withVerdict(Verdict.PASS).size(),
                withVerdict(Verdict.FAIL).size(), withVerdict(Verdict.UNKNOWN).size(), opCount,
                elapsedNanos / 1e9));
        for (KeyResult key : keys) {
            if (key.verdict() != Verdict.PASS) {
                out.append(key.toText(originNanos, maxPrefixLines));
            }
        }
        return out.toString();
    }
}
