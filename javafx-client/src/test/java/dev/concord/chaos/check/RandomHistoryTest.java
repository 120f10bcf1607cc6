package dev.concord.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized checks. Each case derives its own seed from the base seed, which comes
 * from {@code -Dcheck.seed=...} when given; every failure message names the case's seed, and
 * {@code -Dcheck.seed} set to it (with {@code -Dcheck.cases=1}) replays just that case.
 */
class RandomHistoryTest {

    private static final long BASE_SEED = Long.getLong("check.seed", 0x5EEDL);
    private static final int CASES = Integer.getInteger("check.cases", 300);
    /** A value {@link SimulatedRegisters} never writes: any read of it is illegal. */
    private static final String NEVER_WRITTEN = "never-written";

    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private static long seed(int c) {
        return CASES == 1 ? BASE_SEED : BASE_SEED * 1_000_003L + c;
    }

    private static SimulatedRegisters shape(Random random) {
        return new SimulatedRegisters(2 + random.nextInt(7), 1 + random.nextInt(3),
                20 + random.nextInt(200), random.nextInt(8), random.nextInt(8));
    }

    // A history built by running a real register, each operation taking effect inside its
    // interval, is linearizable, whatever the timing, unknowns and failures.
    @Test
    void simulatedHistoriesPass() throws InterruptedException {
        for (int c = 0; c < CASES; c++) {
            long seed = seed(c);
            List<Op> history = shape(new Random(seed)).generate(seed);
            CheckResult result = checker.check(history);
            assertThat(result.verdict())
                    .as("seed %d:%n%s", seed, result.toText())
                    .isEqualTo(Verdict.PASS);
        }
    }

    // Changing one response so it reports a value no operation ever wrote makes the history
    // certainly non-linearizable; exactly the mutated key must fail, and the mutated
    // operation can never appear in the evidence's prefix.
    @Test
    void mutationToUnwrittenValueFails() throws InterruptedException {
        int mutated = 0;
        for (int c = 0; c < CASES; c++) {
            long seed = seed(c);
            Random random = new Random(seed);
            List<Op> history = new ArrayList<>(shape(random).generate(seed));
            int target = pickMutable(history, random);
            if (target < 0) {
                continue;
            }
            mutated++;
            Op original = history.get(target);
            history.set(target, mutate(original));
            CheckResult result = checker.check(history);
            String context = String.format("seed %d, mutated #%d %s:%n%s", seed, target,
                    history.get(target).describe(), result.toText());
            assertThat(result.verdict()).as(context).isEqualTo(Verdict.FAIL);
            assertThat(result.withVerdict(Verdict.FAIL)).as(context).singleElement()
                    .satisfies(key -> {
                        assertThat(key.key()).isEqualTo(original.key());
                        assertThat(key.evidence().prefix())
                                .extracting(Evidence.Step::index).doesNotContain(target);
                        assertThat(key.evidence().candidates()).isNotEmpty();
                    });
        }
        assertThat(mutated).as("cases with a mutable operation").isGreaterThan(CASES / 2);
    }

    /** A random OK read, or OK compare-and-set that reports what it saw; -1 if none. */
    private static int pickMutable(List<Op> history, Random random) {
        List<Integer> mutable = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Op op = history.get(i);
            if (op.result() instanceof Op.Read
                    || op.result() instanceof Op.Swap swap && swap.currentKnown()) {
                mutable.add(i);
            }
        }
        return mutable.isEmpty() ? -1 : mutable.get(random.nextInt(mutable.size()));
    }

    private static Op mutate(Op op) {
        Op.Result wrong = op.result() instanceof Op.Swap swap
                ? Op.Swap.seeing(swap.swapped(), NEVER_WRITTEN)
                : new Op.Read(NEVER_WRITTEN);
        return new Op(op.process(), op.key(), op.kind(), op.expected(), op.value(),
                op.invokeNanos(), op.completeNanos(), op.outcome(), wrong);
    }

    // On tiny histories with arbitrary (mostly wrong) responses, the search agrees with an
    // exhaustive enumeration of every real-time-respecting order.
    @Test
    void agreesWithBruteForceOnTinyHistories() throws InterruptedException {
        int passes = 0;
        int cases = CASES * 10;
        for (int c = 0; c < cases; c++) {
            long seed = CASES == 1 ? BASE_SEED : BASE_SEED * 7_000_003L + c;
            List<Op> history = BruteForce.randomTinyHistory(new Random(seed));
            boolean expected = BruteForce.linearizable(history);
            CheckResult result = checker.check(history);
            StringBuilder dump = new StringBuilder();
            history.forEach(op -> dump.append(HistoryJson.toLine(op)).append('\n'));
            assertThat(result.verdict())
                    .as("seed %d, brute force says %s:%n%s%s", seed, expected, dump,
                            result.toText())
                    .isEqualTo(expected ? Verdict.PASS : Verdict.FAIL);
            passes += expected ? 1 : 0;
        }
        // Both answers must be well represented, or the comparison proves little.
        assertThat(passes).isBetween(cases / 10, cases * 9 / 10);
    }
}
