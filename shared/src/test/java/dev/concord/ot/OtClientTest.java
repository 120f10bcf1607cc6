package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three-state client: transitions, what it sends and when, and revision bookkeeping. */
class OtClientTest {

    /** One call to the sender. */
    record Sent(int revision, long seq, TextOperation op) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final OtClient client = new OtClient(3, (rev, seq, op) -> sent.add(new Sent(rev, seq, op)));

    private static TextOperation insert(int at, String text, int docLength) {
        return TextOperation.builder().retain(at).insert(text).retain(docLength - at).build();
    }

    @Test
    void firstLocalEditIsSentAtOnce() {
        TextOperation op = insert(0, "a", 0);
        client.applyClient(op);
        assertThat(sent).containsExactly(new Sent(3, 1, op));
        assertThat(client.state()).isEqualTo(new OtClient.AwaitingConfirm(op));
    }

    @Test
    void laterEditsAreComposedIntoTheBufferAndSentOnAck() {
        TextOperation a = insert(0, "a", 0);
        TextOperation b = insert(1, "b", 1);
        TextOperation c = insert(2, "c", 2);
        client.applyClient(a);
        client.applyClient(b);
        client.applyClient(c);
        assertThat(sent).hasSize(1);
        assertThat(client.state()).isEqualTo(new OtClient.AwaitingWithBuffer(a, b.compose(c)));

        client.serverAck();
        assertThat(client.revision()).isEqualTo(4);
        assertThat(sent).last().isEqualTo(new Sent(4, 2, b.compose(c)));
        assertThat(client.state()).isEqualTo(new OtClient.AwaitingConfirm(b.compose(c)));

        client.serverAck();
        assertThat(client.revision()).isEqualTo(5);
        assertThat(client.state()).isEqualTo(new OtClient.Synchronized());
        assertThat(client.lastSentSeq()).isEqualTo(2);
    }

    @Test
    void serverOperationIsAppliedAsIsWhenSynchronized() {
        TextOperation remote = insert(0, "r", 0);
        assertThat(client.applyServer(3, remote)).isEqualTo(remote);
        assertThat(client.revision()).isEqualTo(4);
    }

    /** Local "L" and remote "R" typed at the same place: the committed R goes first on both sides. */
    @Test
    void serverOperationIsTransformedAgainstPendingOnesCommittedTextFirst() {
        client.applyClient(insert(0, "L", 0));
        client.applyClient(insert(1, "M", 1)); // local document: "LM"
        TextOperation toApply = client.applyServer(3, insert(0, "R", 0));
        assertThat(toApply.apply("LM")).isEqualTo("RLM");

        OtClient.AwaitingWithBuffer state = (OtClient.AwaitingWithBuffer) client.state();
        assertThat(state.outstanding().apply("R")).isEqualTo("RL");
        assertThat(state.buffer().apply("RL")).isEqualTo("RLM");
    }

    @Test
    void outOfOrderServerOperationIsRefused() {
        assertThatThrownBy(() -> client.applyServer(4, TextOperation.identity(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("based on revision 4 but the client is at revision 3");
    }

    @Test
    void ackWithNothingOutstandingIsRefused() {
        assertThatThrownBy(client::serverAck).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reconnectResendsTheOutstandingOperationWithItsSeq() {
        client.serverReconnect();
        assertThat(sent).isEmpty();

        TextOperation a = insert(0, "a", 0);
        client.applyClient(a);
        client.applyClient(insert(1, "b", 1));
        TextOperation remote = insert(0, "r", 0);
        client.applyServer(3, remote);
        client.serverReconnect();

        TextOperation transformed = TextOperation.transform(remote, a).bPrime();
        assertThat(sent).containsExactly(new Sent(3, 1, a), new Sent(4, 1, transformed));
    }

    @Test
    void remoteSelectionIsMovedThroughPendingEdits() {
        client.applyClient(insert(0, "ab", 0));
        client.applyClient(insert(2, "c", 2));
        assertThat(client.transformSelection(Selection.caret(0))).isEqualTo(Selection.caret(0));
        client.serverAck();
        client.serverAck();
        assertThat(client.transformSelection(new Selection(1, 2))).isEqualTo(new Selection(1, 2));
    }
}
