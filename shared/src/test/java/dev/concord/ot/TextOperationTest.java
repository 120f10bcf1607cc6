package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.ot.Component.Delete;
import dev.concord.ot.Component.Insert;
import dev.concord.ot.Component.Retain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples for the normal form, the tie-break and the surrogate-pair rules of {@link TextOperation}. */
class TextOperationTest {

    private static final String GRIN = "😀"; // one code point, two UTF-16 code units

    @Test
    void builderMergesRunsAndDropsEmptyComponents() {
        TextOperation op = TextOperation.builder()
                .retain(0).retain(2).retain(1)
                .insert("").insert("ab").insert("c")
                .delete(1).delete(0).delete(2)
                .build();
        assertThat(op.components()).containsExactly(new Retain(3), new Insert("abc"), new Delete(3));
        assertThat(op.baseLength()).isEqualTo(6);
        assertThat(op.targetLength()).isEqualTo(6);
    }

    @Test
    void builderPutsInsertBeforeAdjacentDelete() {
        TextOperation deleteFirst = TextOperation.builder().retain(1).delete(2).insert("x").delete(1).insert("y").build();
        TextOperation insertFirst = TextOperation.builder().retain(1).insert("xy").delete(3).build();
        assertThat(deleteFirst).isEqualTo(insertFirst).hasSameHashCodeAs(insertFirst);
        assertThat(deleteFirst.toWire()).containsExactly(1, "xy", -3);
    }

    @Test
    void builderRejectsNegativeLengths() {
        assertThatThrownBy(() -> TextOperation.builder().retain(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retain");
        assertThatThrownBy(() -> TextOperation.builder().delete(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delete");
    }

    @Test
    void builderRejectsLengthOverflow() {
        assertThatThrownBy(() -> TextOperation.builder().retain(Integer.MAX_VALUE).delete(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    }

    @Test
    void applyInsertsRetainsAndDeletes() {
        TextOperation op = TextOperation.builder().retain(6).delete(5).insert("Concord").retain(1).build();
        assertThat(op.apply("Hello world!")).isEqualTo("Hello Concord!");
    }

    @Test
    void noopsAreRecognised() {
        assertThat(TextOperation.builder().build().isNoop()).isTrue();
        assertThat(TextOperation.identity(5).isNoop()).isTrue();
        assertThat(TextOperation.identity(5).apply("abcde")).isEqualTo("abcde");
        assertThat(TextOperation.builder().insert("a").build().isNoop()).isFalse();
    }

    @Test
    void applyRejectsWrongDocumentLengthWithBothLengths() {
        TextOperation op = TextOperation.identity(3);
        assertThatThrownBy(() -> op.apply("ab"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operation expects a document of 3 chars (UTF-16 code units) but it has 2");
        assertThat(op.requireBaseLength(3)).isSameAs(op);
    }

    /** Two inserts at one position: the first argument of transform goes first. */
    @Test
    void tieBreakPutsFirstArgumentsInsertFirst() {
        TextOperation committed = TextOperation.builder().retain(1).insert("C").retain(1).build();
        TextOperation incoming = TextOperation.builder().retain(1).insert("I").retain(1).build();
        TextOperation.Pair p = TextOperation.transform(committed, incoming);
        assertThat(p.bPrime().apply(committed.apply("ab"))).isEqualTo("aCIb");
        assertThat(p.aPrime().apply(incoming.apply("ab"))).isEqualTo("aCIb");
        assertThat(Rebase.onto(incoming, List.of(committed)).apply("aCb")).isEqualTo("aCIb");
    }

    @Test
    void transformOfOverlappingDeletesDeletesOnce() {
        TextOperation a = TextOperation.builder().delete(3).retain(2).build();
        TextOperation b = TextOperation.builder().retain(1).delete(3).retain(1).build();
        TextOperation.Pair p = TextOperation.transform(a, b);
        assertThat(p.bPrime().apply(a.apply("abcde"))).isEqualTo("e");
        assertThat(p.aPrime().apply(b.apply("abcde"))).isEqualTo("e");
    }

    @Test
    void composeAndTransformRejectMismatchedLengths() {
        assertThatThrownBy(() -> TextOperation.identity(2).compose(TextOperation.identity(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compose");
        assertThatThrownBy(() -> TextOperation.transform(TextOperation.identity(2), TextOperation.identity(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transform");
    }

    @Test
    void insertWithLoneSurrogateIsRejected() {
        assertThatThrownBy(() -> TextOperation.builder().insert("a\uD83D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate U+D83D at index 1");
        assertThatThrownBy(() -> TextOperation.builder().insert("\uDE00b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate U+DE00 at index 0");
        assertThatThrownBy(() -> new Insert("\uD83D"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyRefusesToSplitASurrogatePair() {
        String doc = "a" + GRIN + "b"; // code units: a, high, low, b
        TextOperation retainIntoPair = TextOperation.builder().retain(2).delete(2).build();
        TextOperation insertInsidePair = TextOperation.builder().retain(2).insert("x").retain(2).build();
        assertThatThrownBy(() -> retainIntoPair.apply(doc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2 splits a surrogate pair");
        assertThatThrownBy(() -> insertInsidePair.apply(doc))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retainIntoPair.invert(doc))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void composeRefusesToSplitAnInsertedSurrogatePair() {
        TextOperation insertGrin = TextOperation.builder().insert(GRIN).build();
        TextOperation deleteHalf = TextOperation.builder().delete(1).retain(1).build();
        assertThatThrownBy(() -> insertGrin.compose(deleteHalf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate pair");
    }

    @Test
    void astralCharactersCountAsTwoUnits() {
        TextOperation op = TextOperation.builder().retain(2).insert("👍").delete(1).build();
        assertThat(op.baseLength()).isEqualTo(3);
        assertThat(op.targetLength()).isEqualTo(4);
        assertThat(op.apply(GRIN + "!")).isEqualTo(GRIN + "👍");
    }

    @Test
    void invertRestoresDeletedText() {
        TextOperation op = TextOperation.builder().retain(1).insert("XY").delete(2).retain(1).build();
        TextOperation inverse = op.invert("abcd");
        assertThat(inverse.toWire()).containsExactly(1, "bc", -2, 1);
        assertThat(inverse.apply(op.apply("abcd"))).isEqualTo("abcd");
    }

    @Test
    void toStringShowsLengthsAndWireForm() {
        TextOperation op = TextOperation.builder().retain(1).insert("a\"b\n").delete(2).build();
        assertThat(op).hasToString("TextOperation(3->5)[1,\"a\\\"b\\n\",-2]");
    }

    @Test
    void componentsAreUnmodifiable() {
        TextOperation op = TextOperation.identity(1);
        assertThatThrownBy(() -> op.components().add(new Retain(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> op.toWire().add(1))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
