package dev.concord.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text and JSON forms of a result say what failed, where, and why. */
class ReportTest {

    private static final long T0 = 1_000_000_000L;

    /** Key "x" fails on a stale read; key "y" passes. Times are T0 + milliseconds. */
    private static CheckResult failing() throws InterruptedException {
        return new LinearizabilityChecker().check(List.of(
                Op.put(1, "x", "a", T0, T0 + 1_000_000),
                Op.put(2, "x", "b", T0 + 2_000_000, T0 + 3_000_000),
                Op.get(3, "x", T0 + 4_000_000, T0 + 5_000_000, "a"),
                Op.put(1, "y", "a", T0, T0 + 1_000_000),
                Op.cas(2, "x", "b", "c", T0 + 6_000_000, T0 + 7_000_000, true).unknown()));
    }

    @Test
    void textShowsSummaryPrefixAndIllegalCandidate() throws InterruptedException {
        String text = failing().toText();
        assertThat(text).isEqualTo("""
                linearizability: FAIL (2 keys: 1 pass, 1 fail, 0 unknown; 5 ops; %s s)
                key "x": FAIL %s
                  longest linearizable prefix: 2 of 4 ops
                    #0 [+0.000ms, +1.000ms] p1 put("a") -> ok  => "a"
                    #1 [+2.000ms, +3.000ms] p2 put("b") -> ok  => "b"
                  then the register holds "b" and no operation that may come next leads to \
                a linearization:
                    #2 [+4.000ms, +5.000ms] p3 get -> "a"  illegal: read "a" but the register \
                holds "b" (completes first)
                """.formatted(seconds(text), keyStats(text)));
    }

    @Test
    void textShowsOnlyTheLastPrefixSteps() throws InterruptedException {
        List<Op> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(Op.put(1, "k", "v" + i, 10L * i, 10L * i + 1));
        }
        history.add(Op.get(2, "k", 1000, 1001, "v3"));
        String text = new LinearizabilityChecker().check(history).toText(5);
        assertThat(text).contains("30 of 31 ops (last 5 shown)", "#25 ", "#29 ")
                .doesNotContain("#24 ");
    }

    @Test
    void jsonCarriesEvidenceWithOpsInHistoryFormat() throws InterruptedException {
        JsonNode json = ReportJson.toJson(failing());
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("opCount").asInt()).isEqualTo(5);
        JsonNode x = json.get("keys").get(0);
        assertThat(x.get("key").asText()).isEqualTo("x");
        assertThat(x.has("reason")).isFalse();
        JsonNode evidence = x.get("evidence");
        assertThat(evidence.get("prefix")).hasSize(2);
        assertThat(evidence.get("prefix").get(1).get("op").toString())
                .isEqualTo(HistoryJson.toLine(Op.put(2, "x", "b", T0 + 2_000_000, T0 + 3_000_000)));
        assertThat(evidence.get("stateAfterPrefix").asText()).isEqualTo("b");
        assertThat(evidence.get("deadlineIndex").asInt()).isEqualTo(2);
        JsonNode candidate = evidence.get("candidates").get(0);
        assertThat(candidate.get("legal").asBoolean()).isFalse();
        assertThat(candidate.get("reason").asText()).isEqualTo(
                "read \"a\" but the register holds \"b\"");
        JsonNode y = json.get("keys").get(1);
        assertThat(y.get("verdict").asText()).isEqualTo("PASS");
        assertThat(y.has("evidence")).isFalse();
    }

    @Test
    void undecidedKeyReportsItsReason() throws InterruptedException {
        List<Op> history = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            history.add(Op.put(p, "k", "v" + p, 0, 100));
        }
        history.add(Op.get(20, "k", 200, 201, "v1"));
        history.add(Op.get(20, "k", 202, 203, "v2"));
        CheckResult result = new LinearizabilityChecker(
                LinearizabilityChecker.Options.defaults().withPerKeyMaxMemoBytes(10_000))
                .check(history);
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.toText()).contains("key \"k\": UNKNOWN", "memory bound of 10000 bytes");
        assertThat(ReportJson.toJson(result).get("keys").get(0).get("reason").asText())
                .startsWith("memory bound");
    }

    private static String seconds(String text) {
        return text.replaceFirst("(?s).*ops; ([0-9.]+) s\\).*", "$1");
    }

    private static String keyStats(String text) {
        return text.replaceFirst("(?s).*key \"x\": FAIL (\\([^)]*\\)).*", "$1");
    }
}
