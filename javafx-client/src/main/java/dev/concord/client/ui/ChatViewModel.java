package dev.concord.client.ui;

import dev.concord.client.session.ChatSession;
import dev.concord.client.session.Outgoing;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.Message;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Chat beside the documents: joined rooms, direct conversations and the open document's room
 * ({@code #doc:/path}), each with its unread count; the selected conversation's messages with
 * this user's pending ones after them; who is typing. All state is touched on the FX thread only:
 * the {@link ChatSession}'s callbacks hop there, blocking reads run on the UI pool.
 */
public final class ChatViewModel implements AutoCloseable {
    private static final int PAGE = 50;
    private static final long TYPING_EVERY_MS = 1_500;

    /** A row of the conversation list. */
    public record Row(String with, long unread, boolean document) {
    }

    private final UiContext ctx;
    private final ConversationList conversations;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<ChatConversation.Item> items = FXCollections.observableArrayList();
    private final SimpleStringProperty selected = new SimpleStringProperty();
    private final SimpleStringProperty typing = new SimpleStringProperty("");
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final SimpleBooleanProperty hasOlder = new SimpleBooleanProperty();
    private ChatReply.Presence presence = new ChatReply.Presence(List.of(), List.of());
    /** The open session's writes; null until the session is open. */
    private ChatWrites writes;
    private CompletableFuture<Void> opening;
    /** A conversation picked before the session was open; selected once it is. */
    private String wanted;
    private long lastTypingNanos;
    private boolean loadingOlder;

    public ChatViewModel(UiContext ctx) {
        this.ctx = ctx;
        this.conversations = new ConversationList(ctx.user());
    }

    // Properties

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The selected conversation's lines, oldest first. */
    public ObservableList<ChatConversation.Item> items() {
        return items;
    }

    public ReadOnlyStringProperty selectedProperty() {
        return selected;
    }

    /** "bob is typing…" for the selected conversation, or "". */
    public ReadOnlyStringProperty typingProperty() {
        return typing;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder;
    }

    public String me() {
        return ctx.user();
    }

    // Commands

    /** Opens the chat session and the conversation list; picking a conversation retries after a failure. */
    public CompletableFuture<Void> open() {
        if (opening != null && !opening.isDone()) {
            return opening;
        }
        opening = ctx.io(() -> {
            ChatSession s = ChatSession.open(ctx.client(), ctx.user(), ctx.token(), listener);
            return new Opened(s, s.conversations());
        }).handle((r, err) -> {
            ctx.fx().execute(() -> {
                if (err != null) {
                    say("chat is not available: " + UiContext.messageOf(err) + "; it retries when you pick a conversation");
                    return;
                }
                writes = new ChatWrites(r.session());
                for (ChatReply.Conversation c : r.list().conversations()) {
                    if (c.with() != null) {
                        conversations.get(c.with()).setUnread(c.unread());
                        if (c.with().startsWith("#")) {
                            conversations.joined(c.with());
                        }
                    }
                }
                if (wanted != null) {
                    select(wanted);
                } else if (selected.get() == null && !conversations.all().isEmpty()) {
                    select(conversations.all().iterator().next().with());
                }
                publishRows();
            });
            return null;
        });
        return opening;
    }

    private record Opened(ChatSession session, ChatReply.Conversations list) {
    }

    /** Offers {@code #doc:PATH} as "this document" (null: no document open). */
    public void documentOpened(String path) {
        conversations.documentOpened(path);
        publishRows();
    }

    /** Shows conversation {@code with} ({@code #room} or a user), joining a room first if needed. */
    public void select(String with) {
        if (writes == null) {
            wanted = with;
            open();
            return;
        }
        wanted = null;
        ChatConversation c = conversations.get(with);
        selected.set(with);
        if (c.isRoom() && !conversations.isJoined(with)) {
            // History of a room is for members: join first (it creates the room if new), then read.
            writes.join(with).whenComplete((r, err) -> ctx.fx().execute(() -> {
                if (err != null) {
                    say("could not join " + with + ": " + UiContext.messageOf(err) + "; select it again to retry");
                } else {
                    conversations.joined(with);
                    loadHistory(c, 0);
                }
            }));
        } else if (!c.historyLoaded()) {
            loadHistory(c, 0);
        }
        markRead(c);
        refresh();
    }

    /** Loads the page before the oldest message shown (scrolling to the top). */
    public void loadOlder() {
        ChatConversation c = current();
        if (c != null && c.hasOlder() && !loadingOlder) {
            loadHistory(c, c.oldestId());
        }
    }

    private void loadHistory(ChatConversation c, long before) {
        loadingOlder = true;
        ChatSession s = writes.session();
        ctx.io(() -> s.history(c.with(), before, 0, PAGE)).whenComplete((h, err) -> ctx.fx().execute(() -> {
            loadingOlder = false;
            if (err != null) {
                say("could not load " + c.with() + ": " + UiContext.messageOf(err) + "; select it again to retry");
                return;
            }
            c.addHistory(h.messages(), h.more());
            if (c == current()) {
                markRead(c);
                refresh();
            }
        }));
    }

    /** Sends {@code text} to the selected conversation; it shows at once as pending. */
    public boolean send(String text) {
        ChatConversation c = current();
        if (c == null || writes == null || text.isBlank()) {
            return false;
        }
        try {
            new dev.concord.protocol.chat.ChatOp.Send(c.with(), text.strip()).validate();
        } catch (ConcordException e) {
            say(e.getMessage());
            return false;
        }
        writes.send(c.with(), text.strip()).whenComplete((v, err) -> failed(err, "send"));
        return true;
    }

    /** The user typed in the input: tells the others, at most every 1.5 s. */
    public void typed() {
        ChatConversation c = current();
        long now = System.nanoTime();
        if (c != null && writes != null && now - lastTypingNanos > TYPING_EVERY_MS * 1_000_000) {
            lastTypingNanos = now;
            writes.typing(c.with());
        }
    }

    public void edit(ChatConversation.Item item, String text) {
        if (writes != null && item.own() && item.id() > 0) {
            writes.edit(item.id(), text).whenComplete((r, err) -> failed(err, "edit"));
        }
    }

    public void delete(ChatConversation.Item item) {
        if (writes != null && item.own() && item.id() > 0) {
            writes.delete(item.id()).whenComplete((r, err) -> failed(err, "delete"));
        }
    }

    private void failed(Throwable err, String what) {
        if (err != null) {
            say("could not " + what + " the message: " + UiContext.messageOf(err));
        }
    }

    private final ChatSession.Listener listener = new ChatSession.Listener() {
        @Override
        public void message(Message m) {
            ctx.fx().execute(() -> onMessage(m));
        }

        @Override
        public void changed(ChatEvent e) {
            ctx.fx().execute(() -> onChange(e));
        }

        @Override
        public void outgoing(Outgoing o) {
            ChatConversation.Typed t = new ChatConversation.Typed(o.localId(), o.text(), o.status().name().toLowerCase(),
                    o.id(), o.error());
            ctx.fx().execute(() -> {
                conversations.get(o.to()).typed(t);
                if (o.status() == Outgoing.Status.FAILED) {
                    say("a message to " + o.to() + " was refused: " + o.error());
                }
                refreshIf(o.to());
            });
        }

        @Override
        public void presence(ChatReply.Presence p) {
            ctx.fx().execute(() -> {
                presence = p;
                updateTyping();
            });
        }

        @Override
        public void problem(ConcordException e) {
            say("chat: " + e.getMessage());
        }
    };

    private void onMessage(Message m) {
        String with = conversations.withOf(m);
        ChatConversation c = conversations.get(with);
        boolean fresh = c.add(m);
        boolean own = m.from() != null && m.from().equalsIgnoreCase(ctx.user());
        if (fresh && !own) {
            if (with.equals(selected.get())) {
                markRead(c);
            } else {
                c.countUnread();
            }
        }
        publishRows();
        refreshIf(with);
    }

    private void onChange(ChatEvent e) {
        conversations.all().stream().filter(c -> e.convId().equals(c.convId())).forEach(c -> c.changed(e));
        if (e instanceof ChatEvent.Membership mem && mem.user().equalsIgnoreCase(ctx.user()) && mem.joined()) {
            conversations.joined("#" + mem.room());
        }
        publishRows();
        refresh();
    }

    private ChatConversation current() {
        return conversations.find(selected.get());
    }

    private void markRead(ChatConversation c) {
        long newest = c.newestId();
        if (c.unread() > 0 && newest > 0 && writes != null) {
            writes.markRead(c.with(), newest).whenComplete((r, err) -> failed(err, "mark as read"));
        }
        c.setUnread(0);
        publishRows();
    }

    private void refreshIf(String with) {
        if (with.equals(selected.get())) {
            refresh();
        }
    }

    private void refresh() {
        ChatConversation c = current();
        List<ChatConversation.Item> now = c == null ? List.of() : c.items();
        if (!now.equals(items)) {
            items.setAll(now);
        }
        hasOlder.set(c != null && c.hasOlder());
        updateTyping();
    }

    private void updateTyping() {
        ChatConversation c = current();
        typing.set(c == null ? "" : c.typingLine(presence.typing()));
    }

    private void publishRows() {
        List<Row> now = conversations.rows(selected.get());
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
    }

    private void say(String text) {
        ctx.fx().execute(() -> message.set(text));
    }

    @Override
    public void close() {
        if (writes != null) {
            writes.close();
        }
    }
}
