package dev.concord.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectionMapperTest {

    @Test
    void indexInsideOwnInsertCollapsesToTheInsertPoint() {
        TextOperation typed = TextOperation.builder().retain(5).insert("abc").retain(5).build();
        assertThat(SelectionMapper.toBase(4, typed)).isEqualTo(4);
        assertThat(SelectionMapper.toBase(5, typed)).isEqualTo(5);
        assertThat(SelectionMapper.toBase(8, typed)).isEqualTo(5);
        assertThat(SelectionMapper.toBase(9, typed)).isEqualTo(6);
        assertThat(SelectionMapper.toBase(13, typed)).isEqualTo(10);
    }

    @Test
    void indexAfterDeletedTextMovesBackByItsLength() {
        TextOperation cut = TextOperation.builder().retain(2).delete(3).retain(4).build();
        assertThat(SelectionMapper.toBase(2, cut)).isEqualTo(2);
        assertThat(SelectionMapper.toBase(3, cut)).isEqualTo(6);
        assertThat(SelectionMapper.toBase(6, cut)).isEqualTo(9);
        TextOperation leading = TextOperation.builder().delete(3).retain(1).build();
        assertThat(SelectionMapper.toBase(0, leading)).isZero();
    }

    @Test
    void selectionKeepsItsDirection() {
        TextOperation typed = TextOperation.builder().insert("xx").retain(6).build();
        assertThat(SelectionMapper.toBase(new Selection(7, 3), typed)).isEqualTo(new Selection(5, 1));
    }

    @Test
    void outsideTheTargetIsRefused() {
        TextOperation op = TextOperation.builder().retain(3).build();
        assertThatThrownBy(() -> SelectionMapper.toBase(4, op)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Mapping back and then forward through the same op as its owner's edit returns the index,
     * except inside the op's own inserts, which land at their end. 2,000 random ops.
     */
    @Test
    void backThenForwardAsOwnEditIsIdentityOutsideInserts() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            TextOperation op = randomOp(rnd, rnd.nextInt(20));
            for (int index = 0; index <= op.targetLength(); index++) {
                int back = SelectionMapper.toBase(index, op);
                int forward = Selection.transformIndex(back, op, true);
                assertThat(forward).as("seed %d op %s index %d", seed, op, index).isGreaterThanOrEqualTo(index);
                assertThat(back).as("seed %d", seed).isBetween(0, op.baseLength());
            }
        }
    }

    static TextOperation randomOp(Random rnd, int baseLength) {
        TextOperation.Builder b = TextOperation.builder();
        int left = baseLength;
        while (left > 0 || rnd.nextInt(3) == 0) {
            int kind = rnd.nextInt(3);
            if (kind == 0) {
                b.insert("x".repeat(1 + rnd.nextInt(3)));
                if (left == 0) {
                    break;
                }
            } else if (left > 0) {
                int n = 1 + rnd.nextInt(left);
                if (kind == 1) {
                    b.retain(n);
                } else {
                    b.delete(n);
                }
                left -= n;
            }
        }
        return b.build();
    }
}
