package dev.concord.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Searches that cannot finish within their bounds end with UNKNOWN, never hang, and never
 * hide a decided failure on another key; and the history-wide cost stays practical.
 */
class SearchBoundsTest {

    /**
     * Twenty concurrent writes of distinct values, then two reads that no order of the writes
     * explains: deciding this means visiting every (subset of writes, last value) pair, about
     * 20 * 2^19 states.
     */
    private static List<Op> explosive(String key) {
        List<Op> history = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            history.add(Op.put(p, key, "v" + p, 0, 100));
        }
        history.add(Op.get(20, key, 200, 201, "v5"));
        history.add(Op.get(20, key, 202, 203, "v7"));
        return history;
    }

    @Test
    void stepBoundEndsSearchWithUnknown() throws InterruptedException {
        LinearizabilityChecker checker = new LinearizabilityChecker(
                LinearizabilityChecker.Options.defaults().withPerKeyMaxSteps(50_000));
        CheckResult result = checker.check(explosive("k"));
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        KeyResult key = result.key("k");
        assertThat(key.steps()).isEqualTo(50_000);
        assertThat(key.reason()).startsWith("step bound of 50000 reached");
        assertThat(key.evidence()).isNull();
        assertThat(result.toText()).contains("UNKNOWN", "step bound");
    }

    @Test
    void timeBoundEndsSearchWithUnknown() throws InterruptedException {
        LinearizabilityChecker checker = new LinearizabilityChecker(
                LinearizabilityChecker.Options.defaults()
                        .withPerKeyTimeout(Duration.ofMillis(200)));
        long start = System.nanoTime();
        CheckResult result = checker.check(explosive("k"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.key("k").reason()).startsWith("time bound of 200 ms exceeded");
        assertThat(elapsedMillis).as("elapsed ms").isLessThan(5_000);
    }

    @Test
    void undecidedKeyDoesNotHideFailedKey() throws InterruptedException {
        List<Op> history = new ArrayList<>(explosive("slow"));
        history.add(Op.put(1, "bad", "a", 0, 1));
        history.add(Op.get(2, "bad", 2, 3, "b"));
        history.add(Op.put(1, "good", "a", 0, 1));
        LinearizabilityChecker checker = new LinearizabilityChecker(
                LinearizabilityChecker.Options.defaults().withPerKeyMaxSteps(10_000)
                        .withParallelism(2));
        CheckResult result = checker.check(history);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.keys()).extracting(KeyResult::key, KeyResult::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bad", Verdict.FAIL),
                        org.assertj.core.groups.Tuple.tuple("good", Verdict.PASS),
                        org.assertj.core.groups.Tuple.tuple("slow", Verdict.UNKNOWN));
    }

    // 20,000 operations over 50 keys from 8 concurrent clients, with some unknown and failed
    // operations, check in a few seconds on one thread.
    @Test
    void largeHistoryChecksInSeconds() throws InterruptedException {
        long seed = Long.getLong("check.seed", 20_000L);
        List<Op> history = new SimulatedRegisters(8, 50, 20_000, 1, 1).generate(seed);
        LinearizabilityChecker checker = new LinearizabilityChecker();
        long start = System.nanoTime();
        CheckResult result = checker.check(history);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("20,000 ops / 50 keys / 8 processes (seed %d): %s in %d ms%n",
                seed, result.verdict(), elapsedMillis);
        assertThat(result.verdict()).as("seed %d:%n%s", seed, result.toText())
                .isEqualTo(Verdict.PASS);
        assertThat(elapsedMillis).as("seed %d, elapsed ms", seed).isLessThan(10_000);
    }
}
