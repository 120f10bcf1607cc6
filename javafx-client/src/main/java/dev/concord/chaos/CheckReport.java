package dev.concord.chaos;

import java.util.List;

/**
 * The result of one check: pass, fail or inconclusive, a one-line summary, and evidence lines
 * (for a failure, the operations or node states that show it; capped by the check).
 */
public record CheckReport(String name, Status status, String summary, List<String> evidence) {

    public enum Status { PASS, FAIL, INCONCLUSIVE }

    public CheckReport {
        evidence = List.copyOf(evidence);
    }

    public static CheckReport pass(String name, String summary) {
        return new CheckReport(name, Status.PASS, summary, List.of());
    }

    /** Combines check statuses: any failure fails the run; otherwise any inconclusive check makes it inconclusive. */
    public static Status combine(List<CheckReport> checks) {
        Status out = Status.PASS;
        for (CheckReport c : checks) {
            if (c.status() == Status.FAIL) {
                return Status.FAIL;
            }
            if (c.status() == Status.INCONCLUSIVE) {
                out = Status.INCONCLUSIVE;
            }
        }
        return out;
    }
}
