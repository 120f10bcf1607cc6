package dev.concord.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.chaos.check.Op;
import dev.concord.chaos.nemesis.Fault;
import dev.concord.chaos.nemesis.NemesisAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report shows faults, outcomes, gaps, checks and verdict, in text and JSON, and says how to repeat a failure. */
class ChaosReportTest {
    private static final long S = 1_000_000_000L;

    private static ChaosReport report(List<CheckReport> checks) {
        ChaosOptions options = new ChaosOptions(3, 4, 30, EnumSet.of(Fault.KILL, Fault.MAJORITY), 99, null, 100,
                4_000, 8_000, true, null);
        List<FaultEvent> events = List.of(
                new FaultEvent(new NemesisAction.Kill(List.of(2), true), 3 * S, 3 * S + 10, List.of(1, 3), true, null),
                new FaultEvent(new NemesisAction.Restart(List.of(2)), 8 * S, 10 * S, List.of(1, 2, 3), true, null),
                new FaultEvent(new NemesisAction.Majority(List.of(1, 2), NemesisAction.Method.PAUSE), 12 * S, 12 * S + 10,
                        List.of(3), false, null));
        Map<String, List<OpRecord>> ops = Map.of("streams", List.of(
                new OpRecord("streams", 0, true, S, 2 * S, Op.Outcome.OK, null),
                new OpRecord("streams", 1, true, 13 * S, 18 * S, Op.Outcome.UNKNOWN, dev.concord.protocol.ErrorCode.NO_QUORUM)));
        return new ChaosReport(options, "127.0.0.1", events, ops, Map.of("kill leader", List.of(1500.0, 2500.0)),
                checks, 0, 42);
    }

    @Test
    void aPassingReportSummarisesFaultsOutcomesGapsAndChecks() {
        ChaosReport r = report(List.of(CheckReport.pass("linearizable registers", "8 keys")));
        assertThat(r.verdict()).isEqualTo(CheckReport.Status.PASS);
        assertThat(r.faultCounts()).containsExactly(Map.entry("kill leader", 1), Map.entry("majority", 1));
        assertThat(r.outcomes().get("streams")).containsEntry("ok", 1L).containsEntry("unknown", 1L).containsEntry("fail", 0L);
        assertThat(r.summary()).contains("seed 99", "kill leader", "p50 1500 ms, max 2500 ms", "[PASS] linearizable registers",
                "verdict: PASS").doesNotContain("repeat with");
        assertThat(r.toText()).contains("3.0", "kill 2 (leader 2)", "majority: pause 1,2  [no majority]");
    }

    @Test
    void aFailingReportGivesTheSeedAndCommandAndKeepsEvidenceInJson(@TempDir Path dir) throws Exception {
        ChaosReport r = report(List.of(CheckReport.pass("a", "fine"),
                new CheckReport("b", CheckReport.Status.FAIL, "broken", List.of("node 2: lost x"))));
        assertThat(r.verdict()).isEqualTo(CheckReport.Status.FAIL);
        assertThat(r.summary()).contains("verdict: FAIL (seed 99; repeat with: bin/concord chaos --nodes 3 --clients 4"
                + " --seconds 30 --nemesis kill,majority --seed 99");
        r.write(dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("seed").asLong()).isEqualTo(99);
        assertThat(json.get("writeGapsMs").get("kill leader").get("max").asLong()).isEqualTo(2500);
        assertThat(json.get("checks").get(1).get("evidence").get(0).asText()).isEqualTo("node 2: lost x");
        assertThat(json.get("timeline").get(2).get("available").asBoolean()).isFalse();
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("node 2: lost x");
    }

    @Test
    void inconclusiveUnlessSomethingFailed() {
        CheckReport unknown = new CheckReport("x", CheckReport.Status.INCONCLUSIVE, "bound hit", List.of());
        assertThat(CheckReport.combine(List.of(CheckReport.pass("a", ""), unknown))).isEqualTo(CheckReport.Status.INCONCLUSIVE);
        assertThat(ChaosReport.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.5)).isEqualTo(2.0);
        assertThat(ChaosReport.percentile(List.of(), 0.5)).isZero();
    }
}
