package dev.concord.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.chaos.check.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The append check finds each kind of damage a node's copy of a stream can show. */
class StreamCheckTest {
    private static StreamWorkload.Append ok(int client, String text, long offset, long at) {
        return new StreamWorkload.Append(client, client, "s0", text, at, at + 1, Op.Outcome.OK, offset, null);
    }

    private static StreamWorkload.Append unknown(int client, String text) {
        return new StreamWorkload.Append(client, client, "s0", text, 50, 60, Op.Outcome.UNKNOWN, -1, "NO_QUORUM");
    }

    private static StreamWorkload.Append failed(int client, String text) {
        return new StreamWorkload.Append(client, client, "s0", text, 70, 80, Op.Outcome.FAIL, -1, "BAD_REQUEST");
    }

    private final List<StreamWorkload.Append> appends = List.of(ok(0, "c0-1", 0, 1), ok(1, "c1-1", 1, 2),
            ok(0, "c0-2", 2, 3), unknown(1, "c1-2"), failed(1, "c1-3"));

    private CheckReport judge(List<String> node1, List<String> node2) {
        return StreamCheck.judge("appends", appends, Map.of(1, Map.of("s0", node1), 2, Map.of("s0", node2)));
    }

    @Test
    void acknowledgedOnceAndUnknownAtMostOncePasses() {
        CheckReport r = judge(List.of("c0-1", "c1-1", "c0-2", "c1-2"), List.of("c0-1", "c1-1", "c0-2"));
        assertThat(r.status()).isEqualTo(CheckReport.Status.PASS);
        assertThat(r.summary()).contains("3 acknowledged appends on 2 nodes", "1 of 1 unknown-outcome appends took effect");
    }

    @Test
    void lostDoubledPhantomFailedMisplacedAndReorderedAreEachReported() {
        CheckReport lost = judge(List.of("c0-1", "c1-1", "c0-2"), List.of("c0-1", "c1-1"));
        assertThat(lost.status()).isEqualTo(CheckReport.Status.FAIL);
        assertThat(lost.evidence()).containsExactly("node 2 s0: acknowledged \"c0-2\" (offset 2) is missing");

        CheckReport doubled = judge(List.of("c0-1", "c1-1", "c0-2", "c1-2", "c1-2"), List.of("c0-1", "c1-1", "c0-2"));
        assertThat(doubled.summary()).contains("1 doubled");

        CheckReport phantom = judge(List.of("c0-1", "c1-1", "c0-2", "zz"), List.of("c0-1", "c1-1", "c0-2", "c1-3"));
        assertThat(phantom.summary()).contains("1 phantom", "1 failed-but-present");

        CheckReport reordered = judge(List.of("c0-2", "c1-1", "c0-1"), List.of("c0-1", "c1-1", "c0-2"));
        assertThat(reordered.summary()).contains("2 misplaced", "1 reordered");
    }
}
