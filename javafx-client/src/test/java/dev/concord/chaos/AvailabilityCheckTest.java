package dev.concord.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.chaos.check.Op;
import dev.concord.chaos.nemesis.NemesisAction;
import dev.concord.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Check 5 judges gaps, acknowledgements without a majority, hangs and error codes from the timeline alone. */
class AvailabilityCheckTest {
    private static final long S = 1_000_000_000L;
    private final AvailabilityCheck check = new AvailabilityCheck(5 * S, 9 * S);

    private static OpRecord ok(long invoke, long complete) {
        return new OpRecord("streams", 1, true, invoke, complete, Op.Outcome.OK, null);
    }

    private static OpRecord failed(long invoke, long complete, ErrorCode code) {
        return new OpRecord("streams", 2, true, invoke, complete, Op.Outcome.UNKNOWN, code);
    }

    /** A write acknowledged every 100 ms over [from, to). */
    private static List<OpRecord> steady(long from, long to) {
        List<OpRecord> out = new ArrayList<>();
        for (long t = from; t < to; t += S / 10) {
            out.add(ok(t, t + S / 20));
        }
        return out;
    }

    private static FaultEvent event(NemesisAction a, long start, long end, boolean available) {
        return new FaultEvent(a, start, end, List.of(1, 2, 3), available, null);
    }

    @Test
    void longestGapCountsBothEnds() {
        long[] acks = {2, 3, 9};
        assertThat(AvailabilityCheck.longestGap(acks, 0, 10)).isEqualTo(6);
        assertThat(AvailabilityCheck.longestGap(acks, 4, 20)).isEqualTo(11);
        assertThat(AvailabilityCheck.longestGap(new long[0], 5, 7)).isEqualTo(2);
    }

    @Test
    void aKillFollowedByAShortFailoverPasses() {
        List<OpRecord> ops = new ArrayList<>(steady(0, 10 * S));
        ops.removeIf(o -> o.completeNanos() > 4 * S && o.completeNanos() < 6 * S); // a 2 s election
        List<FaultEvent> events = List.of(event(new NemesisAction.Kill(List.of(1), true), 4 * S, 4 * S + 1000, true));
        CheckReport r = check.check(events, ops, 0, 10 * S);
        assertThat(r.status()).isEqualTo(CheckReport.Status.PASS);
        Map<String, List<Double>> gaps = AvailabilityCheck.writeGaps(events, ops, 10 * S, S);
        assertThat(gaps).containsOnlyKeys("kill leader");
        assertThat(gaps.get("kill leader").get(0)).isBetween(1_900.0, 2_200.0);
    }

    @Test
    void aGapOverTheBoundWhileAMajorityIsUpFails() {
        List<OpRecord> ops = new ArrayList<>(steady(0, 20 * S));
        ops.removeIf(o -> o.completeNanos() > 4 * S && o.completeNanos() < 12 * S);
        List<FaultEvent> events = List.of(event(new NemesisAction.Pause(2, false), 4 * S, 4 * S + 1000, true));
        CheckReport r = check.check(events, ops, 0, 20 * S);
        assertThat(r.status()).isEqualTo(CheckReport.Status.FAIL);
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e).contains("no write acknowledged for 8.0 s").contains("pause 2"));
    }

    @Test
    void withoutAMajorityWritesMustFailWithNoQuorumNotSucceedOrHang() {
        NemesisAction majority = new NemesisAction.Majority(List.of(1, 2), NemesisAction.Method.KILL);
        List<FaultEvent> events = List.of(event(majority, 5 * S, 5 * S + 1000, false),
                event(new NemesisAction.HealAll(), 12 * S, 13 * S, true));
        List<OpRecord> ops = new ArrayList<>(steady(0, 5 * S));
        ops.addAll(steady(13 * S, 20 * S));
        ops.add(failed(6 * S, 11 * S, ErrorCode.NO_QUORUM));
        assertThat(check.check(events, ops, 0, 20 * S).status()).isEqualTo(CheckReport.Status.PASS);

        List<OpRecord> bad = new ArrayList<>(ops);
        bad.add(ok(7 * S, 8 * S));
        bad.add(failed(6 * S, 6 * S + 30 * S, ErrorCode.NO_QUORUM));
        bad.add(new OpRecord("registers", 3, true, 6 * S, 7 * S, Op.Outcome.FAIL, ErrorCode.INTERNAL));
        CheckReport r = check.check(events, bad, 0, 20 * S);
        assertThat(r.status()).isEqualTo(CheckReport.Status.FAIL);
        assertThat(r.summary()).contains("1 acknowledged without a majority", "1 hung", "1 failed with another code");
        assertThat(r.evidence()).anySatisfy(e -> assertThat(e).contains("without a majority"))
                .anySatisfy(e -> assertThat(e).contains("took 30.0 s"))
                .anySatisfy(e -> assertThat(e).contains("INTERNAL"));
    }

    @Test
    void intervalsSkipTheStepsThemselves() {
        List<FaultEvent> events = List.of(event(new NemesisAction.Restart(List.of(1)), 2 * S, 5 * S, true));
        assertThat(AvailabilityCheck.intervals(events, 0, 9 * S)).containsExactly(
                new AvailabilityCheck.Interval(0, 2 * S, true, "start"),
                new AvailabilityCheck.Interval(5 * S, 9 * S, true, "start 1"));
    }
}
