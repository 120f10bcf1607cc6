package dev.concord.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The invariants {@link Op} enforces, and how operations describe themselves. */
class OpTest {

    @Test
    void rejectsResultsThatDoNotMatchKindOrOutcome() {
        assertThatThrownBy(() -> new Op(1, "k", Op.Kind.GET, null, null, 0, 1, Op.Outcome.OK,
                Op.Swap.of(true))).hasMessage("GET cannot have a Swap result");
        assertThatThrownBy(() -> new Op(1, "k", Op.Kind.PUT, null, "a", 0, 1, Op.Outcome.OK,
                null)).hasMessage("an OK operation needs a result");
        assertThatThrownBy(() -> new Op(1, "k", Op.Kind.PUT, null, "a", 0, 1, Op.Outcome.FAIL,
                new Op.Written())).hasMessage("FAIL operation cannot carry a result");
    }

    @Test
    void rejectsArgumentsTheKindDoesNotTake() {
        assertThatThrownBy(() -> new Op(1, "k", Op.Kind.GET, null, "a", 0, 1, Op.Outcome.FAIL,
                null)).hasMessage("get takes no arguments");
        assertThatThrownBy(() -> new Op(1, "k", Op.Kind.PUT, "a", "b", 0, 1, Op.Outcome.FAIL,
                null)).hasMessage("put takes no expected value");
    }

    @Test
    void rejectsCompletionBeforeInvocation() {
        assertThatThrownBy(() -> Op.get(1, "k", 5, 4, null))
                .hasMessage("completes (4) before it is invoked (5)");
    }

    @Test
    void unknownCompletesNeverAndFailedKeepsItsCompletion() {
        Op cas = Op.cas(1, "k", "a", "b", 5, 9, true);
        assertThat(cas.unknown().completeNanos()).isEqualTo(Op.NEVER);
        assertThat(cas.unknown().result()).isNull();
        assertThat(cas.failed().completeNanos()).isEqualTo(9);
        assertThat(cas.failed().outcome()).isEqualTo(Op.Outcome.FAIL);
    }

    @Test
    void describesCallAndResponse() {
        assertThat(Op.get(1, "k", 0, 1, null).describe()).isEqualTo("p1 get -> absent");
        assertThat(Op.put(2, "k", "say \"hi\"", 0, 1).describe())
                .isEqualTo("p2 put(\"say \\\"hi\\\"\") -> ok");
        assertThat(Op.cas(3, "k", null, "b", 0, 1, false, "c").describe())
                .isEqualTo("p3 cas(absent, \"b\") -> not swapped, saw \"c\"");
        assertThat(Op.cas(3, "k", "a", "b", 0, 1, true).unknown().describe())
                .isEqualTo("p3 cas(\"a\", \"b\") -> ?");
        assertThat(Op.put(4, "k", "a", 0, 1).failed().describe())
                .isEqualTo("p4 put(\"a\") -> failed");
    }

    @Test
    void verdictsCombineFailFirstThenUnknown() {
        assertThat(Verdict.PASS.and(Verdict.PASS)).isEqualTo(Verdict.PASS);
        assertThat(Verdict.PASS.and(Verdict.UNKNOWN)).isEqualTo(Verdict.UNKNOWN);
        assertThat(Verdict.UNKNOWN.and(Verdict.FAIL)).isEqualTo(Verdict.FAIL);
    }
}
