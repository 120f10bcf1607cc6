package dev.concord.client.ui;

import dev.concord.client.session.ChatSession;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.ChatRules;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link ChatSession}'s writes, moved off the FX thread: queueing one may connect to a node,
 * which must not freeze the window. One thread, so writes keep the order they were made in (the
 * session then sends them one at a time, in that order, through any election).
 */
final class ChatWrites implements AutoCloseable {
    private final ChatSession session;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "concord-chat-send");
        t.setDaemon(true);
        return t;
    });

    ChatWrites(ChatSession session) {
        this.session = session;
    }

    ChatSession session() {
        return session;
    }

    /** Queues a message; it is reported as PENDING through the session's listener. */
    CompletableFuture<Void> send(String to, String text) {
        return CompletableFuture.runAsync(() -> session.send(to, text), thread);
    }

    void typing(String with) {
        thread.execute(() -> session.typing(with));
    }

    CompletableFuture<ChatResult> join(String roomTarget) {
        return async(() -> session.join(ChatRules.roomOf(roomTarget)));
    }

    CompletableFuture<ChatResult> edit(long id, String text) {
        return async(() -> session.edit(id, text));
    }

    CompletableFuture<ChatResult> delete(long id) {
        return async(() -> session.delete(id));
    }

    CompletableFuture<ChatResult> markRead(String with, long upTo) {
        return async(() -> session.markRead(with, upTo));
    }

    private CompletableFuture<ChatResult> async(java.util.function.Supplier<CompletableFuture<ChatResult>> write) {
        return CompletableFuture.supplyAsync(write, thread).thenCompose(f -> f);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        session.close();
    }
}
