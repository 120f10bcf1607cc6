package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.CaretChannel;
import dev.concord.client.session.DocumentListener;
import dev.concord.client.session.DocumentSession;
import dev.concord.config.NodeAddress;
import dev.concord.ot.Selection;
import java.util.List;

/** A scripted collaborator for the screenshot tour: its own client, document session and caret. */
final class TourBot implements AutoCloseable {
    private final ClusterClient client;
    private final DocumentSession doc;
    private final CaretChannel caret;

    TourBot(List<NodeAddress> nodes, String user, String path) {
        this.client = ClusterClient.connect(nodes);
        this.doc = DocumentSession.open(client, path, change -> { }, null);
        this.caret = new CaretChannel(client.carets(), doc, user, others -> { });
    }

    DocumentSession doc() {
        return doc;
    }

    /** Types {@code text} at {@code pos} a character at a time, the caret following. */
    void type(int pos, String text, long msPerChar) throws InterruptedException {
        for (int i = 0; i < text.length(); i++) {
            doc.insert(pos + i, text.substring(i, i + 1));
            caret.moved(Selection.caret(pos + i + 1));
            Thread.sleep(msPerChar);
        }
    }

    void select(int anchor, int head) {
        caret.moved(new Selection(anchor, head));
    }

    /** The first index of {@code needle} in the bot's text, or -1. */
    int find(String needle) {
        return doc.text().indexOf(needle);
    }

    @Override
    public void close() throws InterruptedException {
        doc.awaitSynchronized(java.time.Duration.ofSeconds(5));
        caret.close();
        doc.close();
        client.close();
    }

    static DocumentListener quiet() {
        return change -> { };
    }
}
