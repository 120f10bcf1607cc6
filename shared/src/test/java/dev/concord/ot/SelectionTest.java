package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Examples for caret and selection transform; the bounds and order properties are in TextOperationPropertiesTest. */
class SelectionTest {

    private static final TextOperation INSERT_XY_AT_2 = TextOperation.builder().retain(2).insert("XY").retain(3).build();

    @Test
    void ownInsertAtTheCaretMovesItAfterTheInsert() {
        assertThat(Selection.transformIndex(2, INSERT_XY_AT_2, true)).isEqualTo(4);
    }

    @Test
    void remoteInsertAtTheCaretLeavesItBefore() {
        assertThat(Selection.transformIndex(2, INSERT_XY_AT_2, false)).isEqualTo(2);
    }

    @Test
    void insertBeforeTheCaretShiftsItEitherWay() {
        assertThat(Selection.transformIndex(3, INSERT_XY_AT_2, false)).isEqualTo(5);
        assertThat(Selection.transformIndex(1, INSERT_XY_AT_2, true)).isEqualTo(1);
    }

    @Test
    void caretInsideDeletedTextCollapsesToTheDeletion() {
        TextOperation op = TextOperation.builder().retain(1).delete(3).retain(1).build();
        assertThat(Selection.transformIndex(0, op, false)).isEqualTo(0);
        assertThat(Selection.transformIndex(1, op, false)).isEqualTo(1);
        assertThat(Selection.transformIndex(3, op, false)).isEqualTo(1);
        assertThat(Selection.transformIndex(4, op, false)).isEqualTo(1);
        assertThat(Selection.transformIndex(5, op, false)).isEqualTo(2);
    }

    @Test
    void selectionEndsMoveIndependentlyAndKeepTheirOrder() {
        Selection backwards = new Selection(5, 2);
        assertThat(backwards.transform(INSERT_XY_AT_2, false)).isEqualTo(new Selection(7, 2));
        assertThat(backwards.transform(INSERT_XY_AT_2, true)).isEqualTo(new Selection(7, 4));
        assertThat(backwards.start()).isEqualTo(2);
        assertThat(backwards.end()).isEqualTo(5);
    }

    @Test
    void selectionOverDeletedTextCollapsesToACaret() {
        TextOperation op = TextOperation.builder().retain(1).delete(3).retain(1).build();
        Selection s = new Selection(1, 4).transform(op, false);
        assertThat(s).isEqualTo(Selection.caret(1));
        assertThat(s.isCaret()).isTrue();
    }

    @Test
    void indicesOutsideTheDocumentAreRejected() {
        assertThatThrownBy(() -> Selection.transformIndex(6, INSERT_XY_AT_2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> new Selection(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyDocumentCaretFollowsOwnTyping() {
        TextOperation typed = TextOperation.builder().insert("😀").build();
        assertThat(Selection.caret(0).transform(typed, true)).isEqualTo(Selection.caret(2));
        assertThat(Selection.caret(0).transform(typed, false)).isEqualTo(Selection.caret(0));
    }
}
