package dev.concord.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ot.OtClient;
import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.presence.Caret;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two editors over "hello world" at revision 0, with edits in flight on both sides: a caret
 * published by one lands on the same character in the other's text, before and after the
 * publisher's edit commits.
 */
class SessionCaretsTest {
    private static final String BASE = "hello world";

    private static TextOperation insert(int at, String s, int length) {
        return TextOperation.builder().retain(at).insert(s).retain(length - at).build();
    }

    @Test
    void caretAfterOwnPendingInsertLandsAfterItOnceCommitted() {
        List<TextOperation> sentByA = new ArrayList<>();
        OtClient a = new OtClient(0, (rev, seq, op) -> sentByA.add(op));
        SessionCarets aCarets = new SessionCarets();
        TextOperation typed = insert(5, "XYZ", BASE.length()); // A: "helloXYZ world", caret after Z
        a.applyClient(typed);
        Caret published = aCarets.publish("A", "alice", a, Selection.caret(8));
        assertThat(published.revision()).isZero();
        assertThat(published.anchor()).isEqualTo(5);

        OtClient b = new OtClient(0, (rev, seq, op) -> { });
        SessionCarets bCarets = new SessionCarets();
        b.applyClient(insert(0, "__", BASE.length())); // B: "__hello world"
        assertThat(bCarets.place(published, b, 13)).contains(Selection.caret(7)); // "__hello|"

        // A's edit commits as revision 1; B receives it.
        TextOperation committed = sentByA.get(0);
        bCarets.committed(1, committed, "A");
        b.applyServer(0, committed);
        String bText = "__helloXYZ world";
        Selection placed = bCarets.place(published, b, bText.length()).orElseThrow();
        assertThat(bText.substring(0, placed.head())).isEqualTo("__helloXYZ");
    }

    @Test
    void otherUsersInsertAtTheCaretDoesNotDragIt() {
        OtClient b = new OtClient(0, (rev, seq, op) -> { });
        SessionCarets bCarets = new SessionCarets();
        Caret cOf = new Caret("C", "carol", 0, 5, 5); // carol's caret after "hello"
        TextOperation dave = insert(5, "!!!", BASE.length());
        bCarets.committed(1, dave, "D");
        b.applyServer(0, dave);
        assertThat(bCarets.place(cOf, b, 14)).contains(Selection.caret(5));
    }

    @Test
    void caretFromTheFutureOrTooFarBackWaits() {
        OtClient b = new OtClient(2, (rev, seq, op) -> { });
        SessionCarets bCarets = new SessionCarets();
        assertThat(bCarets.place(new Caret("C", "carol", 3, 0, 0), b, 11)).isEmpty();
        assertThat(bCarets.place(new Caret("C", "carol", 1, 0, 0), b, 11)).isEmpty(); // revision 2's op unknown
        assertThat(bCarets.place(new Caret("C", "carol", 2, 0, 99), b, 11)).isEmpty(); // beyond the text
        assertThat(bCarets.place(new Caret("C", "carol", 2, 4, 1), b, 11)).contains(new Selection(4, 1));
    }
}
