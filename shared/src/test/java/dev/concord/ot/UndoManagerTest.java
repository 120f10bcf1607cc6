package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Undo and redo of the user's own edits, with remote edits interleaved. */
class UndoManagerTest {

    private static final String[] LOCAL = {"L", "M", "😀"};
    private static final String[] REMOTE = {"r", "s", "𝄞"};

    @Test
    void undoAndRedoOfALocalEdit() {
        UndoManager undo = new UndoManager(10);
        String doc = "hello";
        TextOperation edit = TextOperation.builder().retain(5).insert(" world").build();
        undo.recordLocal(edit, doc);
        doc = edit.apply(doc);

        TextOperation u = undo.undo(doc).orElseThrow();
        doc = u.apply(doc);
        assertThat(doc).isEqualTo("hello");
        assertThat(undo.canUndo()).isFalse();

        doc = undo.redo(doc).orElseThrow().apply(doc);
        assertThat(doc).isEqualTo("hello world");
        assertThat(undo.canRedo()).isFalse();
        assertThat(undo.canUndo()).isTrue();
    }

    @Test
    void undoKeepsRemoteTextTypedInsideTheUndoneInsert() {
        UndoManager undo = new UndoManager(10);
        TextOperation mine = TextOperation.builder().insert("ABCD").build();
        undo.recordLocal(mine, "");
        TextOperation remote = TextOperation.builder().retain(2).insert("xy").retain(2).build();
        undo.transformAgainstRemote(remote);
        String doc = remote.apply(mine.apply(""));

        assertThat(undo.undo(doc).orElseThrow().apply(doc)).isEqualTo("xy");
    }

    @Test
    void stepsMadeVoidByRemoteEditsAreDropped() {
        UndoManager undo = new UndoManager(10);
        undo.recordLocal(TextOperation.builder().retain(1).insert("A").build(), "x");
        undo.transformAgainstRemote(TextOperation.builder().delete(2).build());
        assertThat(undo.canUndo()).isFalse();
        assertThat(undo.undo("")).isEmpty();
    }

    @Test
    void noOpEditsAreNotRecordedAndKeepRedo() {
        UndoManager undo = new UndoManager(10);
        TextOperation edit = TextOperation.builder().insert("a").build();
        undo.recordLocal(edit, "");
        undo.undo("a").orElseThrow();
        undo.recordLocal(TextOperation.identity(0), "");
        assertThat(undo.canUndo()).isFalse();
        assertThat(undo.canRedo()).isTrue();
    }

    @Test
    void historyIsBounded() {
        UndoManager undo = new UndoManager(2);
        String doc = "";
        for (String s : new String[] {"a", "b", "c"}) {
            TextOperation op = TextOperation.builder().retain(doc.length()).insert(s).build();
            undo.recordLocal(op, doc);
            doc = op.apply(doc);
        }
        doc = undo.undo(doc).orElseThrow().apply(doc);
        doc = undo.undo(doc).orElseThrow().apply(doc);
        assertThat(undo.canUndo()).isFalse();
        assertThat(doc).isEqualTo("a");
    }

    /**
     * Local edits insert only local characters, remote edits only remote ones. Whatever the
     * interleaving, every undo step applies to the current document, and undoing everything
     * removes every local character while deleting none of the remote text (it may bring back
     * remote text that a local edit deleted).
     */
    @Property(tries = 10_000)
    void undoingEverythingRemovesExactlyTheLocalText(@ForAll long seed) {
        Random r = new Random(seed);
        UndoManager undo = new UndoManager(1000);
        String doc = Gen.text(r, r.nextInt(6)).replaceAll("[^ ]", "-");
        for (int step = r.nextInt(8); step > 0; step--) {
            if (r.nextBoolean()) {
                TextOperation op = Gen.op(r, doc, LOCAL);
                undo.recordLocal(op, doc);
                doc = op.apply(doc);
            } else {
                TextOperation op = Gen.op(r, doc, REMOTE);
                undo.transformAgainstRemote(op);
                doc = op.apply(doc);
            }
        }
        String remoteOnly = doc.replaceAll("L|M|😀", "");
        while (undo.canUndo()) {
            doc = undo.undo(doc).orElseThrow().apply(doc);
        }
        assertThat(doc).doesNotContain(LOCAL);
        assertThat(isSubsequence(remoteOnly, doc)).as("%s kept in %s", remoteOnly, doc).isTrue();
    }

    private static boolean isSubsequence(String part, String whole) {
        int i = 0;
        for (int j = 0; i < part.length() && j < whole.length(); j++) {
            if (part.charAt(i) == whole.charAt(j)) {
                i++;
            }
        }
        return i == part.length();
    }

    /** Undo then redo with nothing in between is the identity on the document. */
    @Property(tries = 10_000)
    void redoRestoresWhatUndoReverted(@ForAll long seed) {
        Random r = new Random(seed);
        UndoManager undo = new UndoManager(1000);
        String doc = Gen.doc(r);
        for (int step = 1 + r.nextInt(4); step > 0; step--) {
            TextOperation op = Gen.op(r, doc, LOCAL);
            while (op.isNoop()) { // no-ops are not recorded, and we need at least one step
                op = Gen.op(r, doc, LOCAL);
            }
            undo.recordLocal(op, doc);
            doc = op.apply(doc);
        }
        String before = doc;
        doc = undo.undo(doc).orElseThrow().apply(doc);
        doc = undo.redo(doc).orElseThrow().apply(doc);
        assertThat(doc).isEqualTo(before);
    }
}
