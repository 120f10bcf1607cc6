package dev.concord.chaos;

import dev.concord.chaos.check.Op;
import dev.concord.chaos.nemesis.NemesisAction;
import dev.concord.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Check 5 and the write-gap figures, from the fault timeline and the write records alone (pure).
 *
 * <p>Between nemesis steps the cluster is either available (a majority healthy) or not. While
 * available, acknowledged writes may pause for at most the failover bound (an election, a client
 * retry); while not, no write sent after the majority was gone may be acknowledged before a heal
 * began. Always: no write takes longer than the client deadline plus slack (no hang), and every
 * failed write failed with NO_QUORUM (these writes are valid, so any other refusal is a bug).
 *
 * @param boundNanos     longest allowed stretch without an acknowledged write while available
 * @param hangLimitNanos longest any write may take before it is called hung
 */
record AvailabilityCheck(long boundNanos, long hangLimitNanos) {
    private static final int MAX_EVIDENCE = 12;

    /** One stretch between nemesis steps. */
    record Interval(long from, long to, boolean available, String after) {
    }

    /**
     * The stretches between steps, from {@code runStart} to {@code runEnd}. A step's own duration
     * (from its start to its end) belongs to no stretch: the cluster is in transition then.
     */
    static List<Interval> intervals(List<FaultEvent> events, long runStart, long runEnd) {
        List<Interval> out = new ArrayList<>();
        long from = runStart;
        boolean available = true;
        String after = "start";
        for (FaultEvent e : events) {
            if (e.startNanos() > from) {
                out.add(new Interval(from, Math.min(e.startNanos(), runEnd), available, after));
            }
            from = e.endNanos();
            available = e.available();
            after = e.action().describe();
        }
        if (runEnd > from) {
            out.add(new Interval(from, runEnd, available, after));
        }
        return out;
    }

    CheckReport check(List<FaultEvent> events, List<OpRecord> ops, long runStart, long runEnd) {
        List<OpRecord> writes = ops.stream().filter(OpRecord::write).toList();
        long[] acks = acks(writes);
        List<String> evidence = new ArrayList<>();
        int gaps = 0;
        int unexpectedAcks = 0;
        int hung = 0;
        int badErrors = 0;
        for (Interval in : intervals(events, runStart, runEnd)) {
            if (in.available()) {
                long gap = longestGap(acks, in.from(), in.to());
                if (gap > boundNanos) {
                    gaps++;
                    note(evidence, String.format(Locale.ROOT, "%s: no write acknowledged for %.1f s (bound %.1f s)"
                            + " while a majority was up", span(in, runStart), gap / 1e9, boundNanos / 1e9));
                }
            } else {
                for (OpRecord w : writes) {
                    if (w.outcome() == Op.Outcome.OK && w.invokeNanos() >= in.from() && w.completeNanos() <= in.to()) {
                        unexpectedAcks++;
                        note(evidence, String.format(Locale.ROOT, "%s: %s write by p%d sent at +%.2f s was acknowledged"
                                + " at +%.2f s without a majority", span(in, runStart), w.workload(), w.process(),
                                (w.invokeNanos() - runStart) / 1e9, (w.completeNanos() - runStart) / 1e9));
                    }
                }
            }
        }
        for (OpRecord w : writes) {
            if (w.completeNanos() == Long.MAX_VALUE || w.durationNanos() > hangLimitNanos) {
                hung++;
                note(evidence, String.format(Locale.ROOT, "%s write by p%d sent at +%.2f s %s", w.workload(), w.process(),
                        (w.invokeNanos() - runStart) / 1e9, w.completeNanos() == Long.MAX_VALUE ? "never returned"
                                : String.format(Locale.ROOT, "took %.1f s (limit %.1f s)", w.durationNanos() / 1e9, hangLimitNanos / 1e9)));
            } else if (w.outcome() != Op.Outcome.OK && w.error() != ErrorCode.NO_QUORUM) {
                badErrors++;
                note(evidence, String.format(Locale.ROOT, "%s write by p%d sent at +%.2f s failed with %s instead of"
                        + " succeeding or failing with NO_QUORUM", w.workload(), w.process(), (w.invokeNanos() - runStart) / 1e9,
                        w.error()));
            }
        }
        long unavailable = intervals(events, runStart, runEnd).stream().filter(i -> !i.available())
                .mapToLong(i -> i.to() - i.from()).sum();
        String summary = String.format(Locale.ROOT, "%d writes; %.1f s without a majority; %d gaps over %.1f s,"
                        + " %d acknowledged without a majority, %d hung, %d failed with another code than NO_QUORUM",
                writes.size(), unavailable / 1e9, gaps, boundNanos / 1e9, unexpectedAcks, hung, badErrors);
        boolean ok = gaps + unexpectedAcks + hung + badErrors == 0;
        return new CheckReport("writes available with a majority, NO_QUORUM without",
                ok ? CheckReport.Status.PASS : CheckReport.Status.FAIL, summary, ok ? List.of() : evidence);
    }

    /**
     * Per fault kind, the longest stretch without an acknowledged write from each step's start to
     * the next step's start, but over at least {@code minWindowNanos} (a fault's gap goes on after
     * a quick heal), in milliseconds, sorted.
     */
    static Map<String, List<Double>> writeGaps(List<FaultEvent> events, List<OpRecord> ops, long runEnd,
                                               long minWindowNanos) {
        long[] acks = acks(ops.stream().filter(OpRecord::write).toList());
        Map<String, List<Double>> out = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            FaultEvent e = events.get(i);
            long next = i + 1 < events.size() ? events.get(i + 1).startNanos() : runEnd;
            long to = Math.min(runEnd, Math.max(next, e.startNanos() + minWindowNanos));
            if (to <= e.startNanos()) {
                continue;
            }
            out.computeIfAbsent(label(e.action()), k -> new ArrayList<>())
                    .add(longestGap(acks, e.startNanos(), to) / 1e6);
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** The report group of a step: its kind, split into leader and follower for single-node faults. */
    static String label(NemesisAction a) {
        boolean leader = a instanceof NemesisAction.Kill k ? k.leader()
                : a instanceof NemesisAction.Pause s ? s.leader()
                : a instanceof NemesisAction.Bounce r ? r.leader()
                : a instanceof NemesisAction.Partition q && q.leader();
        boolean single = a instanceof NemesisAction.Kill || a instanceof NemesisAction.Pause
                || a instanceof NemesisAction.Bounce || a instanceof NemesisAction.Partition;
        return single ? a.kind() + (leader ? " leader" : " follower") : a.kind();
    }

    private static long[] acks(List<OpRecord> writes) {
        long[] acks = writes.stream().filter(w -> w.outcome() == Op.Outcome.OK).mapToLong(OpRecord::completeNanos).toArray();
        Arrays.sort(acks);
        return acks;
    }

    /** Longest stretch in [from, to] without an element of {@code sorted}, counting both ends. */
    static long longestGap(long[] sorted, long from, long to) {
        int i = Arrays.binarySearch(sorted, from);
        i = i < 0 ? -i - 1 : i;
        long prev = from;
        long gap = 0;
        for (; i < sorted.length && sorted[i] <= to; i++) {
            gap = Math.max(gap, sorted[i] - prev);
            prev = sorted[i];
        }
        return Math.max(gap, to - prev);
    }

    private static String span(Interval in, long runStart) {
        return String.format(Locale.ROOT, "+%.1f..+%.1f s after '%s'", (in.from() - runStart) / 1e9,
                (in.to() - runStart) / 1e9, in.after());
    }

    private static void note(List<String> evidence, String line) {
        if (evidence.size() < MAX_EVIDENCE) {
            evidence.add(line);
        } else if (evidence.size() == MAX_EVIDENCE) {
            evidence.add("... (more omitted)");
        }
    }
}
