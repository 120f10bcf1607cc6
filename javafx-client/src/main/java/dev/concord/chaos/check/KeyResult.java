package dev.concord.chaos.check;

import java.util.Locale;
import java.util.Objects;

/**
 * The result of checking the operations on one key.
 *
 * @param key          the key
 * @param verdict      PASS, FAIL, or UNKNOWN when a bound stopped the search
 * @param opCount      operations the search considered (FAIL ops and unknown reads dropped)
 * @param steps        model steps the search took
 * @param elapsedNanos wall time the search took
 * @param reason       for UNKNOWN, which bound stopped the search; otherwise null
 * @param evidence     for FAIL, why; otherwise null
 */
public record KeyResult(String key, Verdict verdict, int opCount, long steps, long elapsedNanos,
                        String reason, Evidence evidence) {

    public KeyResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.FAIL) != (evidence != null)) {
            throw new IllegalArgumentException("evidence comes with FAIL and only with FAIL");
        }
        if ((verdict == Verdict.UNKNOWN) != (reason != null)) {
            throw new IllegalArgumentException("a reason comes with UNKNOWN and only with UNKNOWN");
        }
    }

    /**
     * One heading line, followed for FAIL by the evidence.
     *
     * @param originNanos    time shown as +0
     * @param maxPrefixLines how many of the evidence prefix's last steps to show
     */
    public String toText(long originNanos, int maxPrefixLines) {
        String heading = String.format(Locale.ROOT, "key %s: %s (%d ops, %d steps, %.1f ms)",
                Op.quote(key), verdict, opCount, steps, elapsedNanos / 1e6);
        if (verdict == Verdict.UNKNOWN) {
            return heading + ": " + reason + "\n";
        }
        if (verdict == Verdict.FAIL) {
            return heading + "\n" + evidence.toText("  ", originNanos, maxPrefixLines);
        }
        return heading + "\n";
    }
}
