package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.Accounts;
import dev.concord.client.session.CaretChannel;
import dev.concord.client.session.ChatSession;
import dev.concord.client.session.DocumentSession;
import dev.concord.config.NodeAddress;
import dev.concord.ot.Selection;
import dev.concord.protocol.ConcordException;
import java.util.List;

/** A scripted collaborator for the screenshot tour: its own account, client, document session, caret and chat. */
final class TourBot implements AutoCloseable {
    private final ClusterClient client;
    private final DocumentSession doc;
    private final CaretChannel caret;
    private final ChatSession chat;

    TourBot(List<NodeAddress> nodes, String user, String path) {
        this.client = ClusterClient.connect(nodes);
        try {
            Accounts.signup(client, user, ScreenshotTour.PASSWORD);
        } catch (ConcordException e) {
            // taken: an earlier tour made it
        }
        String token = Accounts.login(client, user, ScreenshotTour.PASSWORD).token();
        client.useSession(token);
        this.doc = DocumentSession.open(client, path, change -> { }, null);
        this.caret = new CaretChannel(client.carets(), doc, user, token, others -> { });
        this.chat = ChatSession.open(client, user, token, new ChatSession.Listener() { });
    }

    DocumentSession doc() {
        return doc;
    }

    ChatSession chat() {
        return chat;
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

    /** Posts and waits until the cluster has it, so the tour's order is the conversation's order. */
    void say(String to, String text) {
        chat.send(to, text).sent().join();
    }

    @Override
    public void close() throws InterruptedException {
        doc.awaitSynchronized(java.time.Duration.ofSeconds(5));
        chat.close();
        caret.close();
        doc.close();
        client.close();
    }
}
