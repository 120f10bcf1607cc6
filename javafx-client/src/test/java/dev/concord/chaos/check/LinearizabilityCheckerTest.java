package dev.concord.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-written histories with a known answer. Times are small integers; an interval
 * {@code [i, c]} is invocation and completion. Every register starts absent.
 */
class LinearizabilityCheckerTest {

    private static final String K = "k";

    private static CheckResult check(Op... history) throws InterruptedException {
        return new LinearizabilityChecker().check(List.of(history));
    }

    private static void assertPasses(Op... history) throws InterruptedException {
        CheckResult result = check(history);
        assertThat(result.verdict()).as(result.toText()).isEqualTo(Verdict.PASS);
    }

    private static Evidence assertFails(Op... history) throws InterruptedException {
        CheckResult result = check(history);
        assertThat(result.verdict()).as(result.toText()).isEqualTo(Verdict.FAIL);
        return result.withVerdict(Verdict.FAIL).get(0).evidence();
    }

    @Test
    void emptyHistoryPasses() throws InterruptedException {
        CheckResult result = check();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.keys()).isEmpty();
    }

    @Test
    void sequentialHistoryPasses() throws InterruptedException {
        assertPasses(
                Op.get(1, K, 0, 1, null),
                Op.cas(1, K, null, "a", 2, 3, true),
                Op.get(2, K, 4, 5, "a"),
                Op.cas(2, K, "a", "b", 6, 7, true, "a"),
                Op.cas(1, K, "a", "c", 8, 9, false, "b"),
                Op.put(3, K, "d", 10, 11),
                Op.get(1, K, 12, 13, "d"),
                Op.put(2, K, null, 14, 15),
                Op.get(3, K, 16, 17, null));
    }

    @Test
    void overlappingWritesMayTakeEffectInEitherOrder() throws InterruptedException {
        Op putA = Op.put(1, K, "a", 0, 10);
        Op putB = Op.put(2, K, "b", 5, 15);
        assertPasses(putA, putB, Op.get(3, K, 20, 21, "a"));
        assertPasses(putA, putB, Op.get(3, K, 20, 21, "b"));
    }

    @Test
    void readDuringWriteMaySeeOldOrNewValue() throws InterruptedException {
        Op putA = Op.put(1, K, "a", 0, 1);
        Op putB = Op.put(1, K, "b", 2, 10);
        assertPasses(putA, putB, Op.get(2, K, 3, 4, "a"), Op.get(3, K, 5, 6, "b"));
        assertPasses(putA, putB, Op.get(2, K, 3, 4, "b"), Op.get(3, K, 11, 12, "b"));
    }

    @Test
    void operationsTouchingAtOneInstantAreConcurrent() throws InterruptedException {
        assertPasses(Op.put(1, K, "a", 0, 5), Op.get(2, K, 5, 6, null));
    }

    @Test
    void unknownOperationThatTookEffectPasses() throws InterruptedException {
        assertPasses(
                Op.put(1, K, "a", 0, 1),
                Op.cas(2, K, "a", "b", 2, 3, true).unknown(),
                Op.get(3, K, 10, 11, "b"));
    }

    @Test
    void unknownOperationThatNeverTookEffectPasses() throws InterruptedException {
        assertPasses(
                Op.put(1, K, "a", 0, 1),
                Op.put(2, K, "b", 2, 3).unknown(),
                Op.get(3, K, 10, 11, "a"),
                Op.get(3, K, 12, 13, "a"));
    }

    @Test
    void unknownOperationMayTakeEffectLongAfterItsInvocation() throws InterruptedException {
        assertPasses(
                Op.put(1, K, "a", 0, 1),
                Op.put(2, K, "b", 2, 3).unknown(),
                Op.get(3, K, 10, 11, "a"),
                Op.get(3, K, 100, 101, "b"));
    }

    @Test
    void failedOperationIsDropped() throws InterruptedException {
        Op putA = Op.put(1, K, "a", 0, 1);
        Op failedPutB = Op.put(2, K, "b", 2, 3).failed();
        assertPasses(putA, failedPutB, Op.get(3, K, 4, 5, "a"));
        assertFails(putA, failedPutB, Op.get(3, K, 4, 5, "b"));
    }

    @Test
    void staleReadAfterCompletedWriteFails() throws InterruptedException {
        Evidence evidence = assertFails(
                Op.put(1, K, "a", 0, 1),
                Op.put(2, K, "b", 2, 3),
                Op.get(3, K, 4, 5, "a"));
        assertThat(evidence.stateAfterPrefix()).isEqualTo("b");
        assertThat(evidence.prefix()).extracting(Evidence.Step::index).containsExactly(0, 1);
        assertThat(evidence.deadlineIndex()).isEqualTo(2);
        assertThat(evidence.candidates()).singleElement().satisfies(c -> {
            assertThat(c.index()).isEqualTo(2);
            assertThat(c.legal()).isFalse();
            assertThat(c.reason()).isEqualTo("read \"a\" but the register holds \"b\"");
        });
    }

    @Test
    void twoSuccessfulCasFromOneExpectedValueFail() throws InterruptedException {
        Evidence evidence = assertFails(
                Op.put(1, K, "a", 0, 1),
                Op.cas(2, K, "a", "b", 2, 5, true),
                Op.cas(3, K, "a", "c", 3, 6, true));
        assertThat(evidence.prefix()).hasSize(2);
        assertThat(evidence.candidates()).singleElement()
                .satisfies(c -> assertThat(c.reason()).startsWith("swapped from \"a\""));
    }

    @Test
    void readOfValueNeverWrittenFails() throws InterruptedException {
        Evidence evidence = assertFails(
                Op.put(1, K, "a", 0, 10),
                Op.get(2, K, 1, 2, "z"));
        assertThat(evidence.prefix()).extracting(Evidence.Step::index).containsExactly(0);
        assertThat(evidence.stateAfterPrefix()).isEqualTo("a");
        assertThat(evidence.candidates()).singleElement().satisfies(c -> {
            assertThat(c.index()).isEqualTo(1);
            assertThat(c.reason()).isEqualTo("read \"z\" but the register holds \"a\"");
        });
    }

    @Test
    void readOfValueNeverWrittenFailsEvenWithNothingLinearized() throws InterruptedException {
        Evidence evidence = assertFails(Op.get(1, K, 0, 1, "z"), Op.put(2, K, "z", 2, 3));
        assertThat(evidence.prefix()).isEmpty();
        assertThat(evidence.stateAfterPrefix()).isNull();
        assertThat(evidence.candidates()).singleElement()
                .satisfies(c -> assertThat(c.reason())
                        .isEqualTo("read \"z\" but the register holds absent"));
    }

    @Test
    void lostUpdateFails() throws InterruptedException {
        // Two increments by compare-and-set both acknowledged; a later read sees only one.
        assertFails(
                Op.put(1, K, "0", 0, 1),
                Op.cas(1, K, "0", "1", 2, 3, true),
                Op.cas(2, K, "1", "2", 4, 5, true),
                Op.get(3, K, 6, 7, "1"));
    }

    @Test
    void newOldInversionFails() throws InterruptedException {
        assertFails(
                Op.put(1, K, "a", 0, 1),
                Op.put(1, K, "b", 2, 10),
                Op.get(2, K, 3, 4, "b"),
                Op.get(3, K, 5, 6, "a"));
    }

    @Test
    void unknownOperationCannotTakeEffectBeforeItsInvocation() throws InterruptedException {
        assertFails(
                Op.get(1, K, 0, 1, "b"),
                Op.put(2, K, "b", 2, 3).unknown());
    }

    @Test
    void casThatDidNotSwapAlthoughExpectedMatchedFails() throws InterruptedException {
        Evidence evidence = assertFails(
                Op.put(1, K, "a", 0, 1),
                Op.cas(2, K, "a", "b", 2, 3, false));
        assertThat(evidence.candidates().get(0).reason())
                .isEqualTo("did not swap although the register holds \"a\", the expected value");
    }

    @Test
    void casReportingTheValueItSawIsCheckedAgainstIt() throws InterruptedException {
        Op putA = Op.put(1, K, "a", 0, 1);
        assertPasses(putA, Op.cas(2, K, "x", "b", 2, 3, false, "a"));
        Evidence evidence = assertFails(putA, Op.cas(2, K, "x", "b", 2, 3, false, "c"));
        assertThat(evidence.candidates().get(0).reason())
                .isEqualTo("reports seeing \"c\" but the register holds \"a\"");
    }

    @Test
    void casFromAbsentSwapsOnlyOnce() throws InterruptedException {
        assertPasses(Op.cas(1, K, null, "a", 0, 5, true), Op.cas(2, K, null, "b", 1, 6, false));
        assertFails(Op.cas(1, K, null, "a", 0, 5, true), Op.cas(2, K, null, "b", 1, 6, true));
    }

    @Test
    void keysAreCheckedIndependently() throws InterruptedException {
        CheckResult result = check(
                Op.put(1, "x", "a", 0, 1),
                Op.get(2, "x", 2, 3, "b"),
                Op.put(1, "y", "a", 0, 1),
                Op.get(2, "y", 2, 3, "a"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.key("x").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.key("y").verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.key("y").evidence()).isNull();
        assertThat(result.key("x").evidence().candidates())
                .extracting(Evidence.Candidate::index).containsExactly(1);
    }

    @Test
    void historyOrderDoesNotMatterButEvidenceUsesItsIndices() throws InterruptedException {
        Evidence evidence = assertFails(
                Op.get(3, K, 4, 5, "a"),
                Op.put(2, K, "b", 2, 3),
                Op.put(1, K, "a", 0, 1));
        assertThat(evidence.prefix()).extracting(Evidence.Step::index).containsExactly(2, 1);
        assertThat(evidence.deadlineIndex()).isZero();
    }
}
