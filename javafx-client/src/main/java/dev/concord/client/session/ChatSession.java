package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.Subscription;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logged-in user's live chat, without UI types: a send queue, the live feed, the offline
 * inbox and presence.
 *
 * <p>Receiving: the feed (filtered by the serving node to this user's conversations) delivers new
 * messages at once; each message reaches {@link Listener#message} once, whether it came by feed or
 * by inbox. A direct message to this user also triggers a {@link ChatOp.TakeInbox}, which marks it
 * delivered in the log (the sender sees "delivered") and hands over anything queued while offline.
 *
 * <p>Sending: {@link #send} returns at once with a PENDING {@link Outgoing}; writes go out one at a
 * time in order, through elections, exactly once (see {@link SendQueue}).
 *
 * <p>Presence: every {@link #PING_MS} the session pings every node (typing pings at once); the
 * answers' union is what {@link Listener#presence} reports. Nothing of it is in the log.
 * Listener calls come from the session's threads; a UI hops to its own thread.
 */
public final class ChatSession implements AutoCloseable {
    static final long PING_MS = 2_000;
    private static final int SEEN_MAX = 10_000;

    /** What a session reports; every method has a no-op default. */
    public interface Listener {
        /** A message, live or from the inbox, once per id (own messages included). */
        default void message(Message m) {
        }

        /** Any other chat change: edits, deletions, receipts, room membership. */
        default void changed(ChatEvent e) {
        }

        /** An own message changed status (PENDING, SENT, FAILED). */
        default void outgoing(Outgoing o) {
        }

        /** Online users and who types in this user's conversations. */
        default void presence(ChatReply.Presence p) {
        }

        /** Trouble the session keeps working through (no leader, a lost feed), or the end of the session. */
        default void problem(ConcordException e) {
        }
    }

    private final ClusterClient client;
    private final String user;
    private final String token;
    private final Listener listener;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "concord-chat");
        t.setDaemon(true);
        return t;
    });
    private final SendQueue sends;
    private final AtomicLong typed = new AtomicLong();
    private final LinkedHashSet<Long> seen = new LinkedHashSet<>();
    private final List<Outgoing> outgoing = new ArrayList<>();
    private volatile Subscription feed;
    private volatile String typingIn;
    private volatile long typingUntil;
    private boolean takeQueued;

    private ChatSession(ClusterClient client, String user, String token, Listener listener) {
        this.client = client;
        this.user = user;
        this.token = token;
        this.listener = listener;
        this.sends = new SendQueue(client.newWriter(token), scheduler, listener::problem);
    }

    /**
     * Starts following the user's conversations from now, takes the offline inbox, and starts
     * presence pings. Fails with UNAUTHORIZED when the token's session has ended.
     */
    public static ChatSession open(ClusterClient client, String user, String token, Listener listener) {
        ChatSession s = new ChatSession(client, user, token, listener);
        ChatReply.Conversations now = s.conversations();
        s.feed = client.subscribe(now.index(), token, s::onEvent, s::onFeedError);
        s.takeInbox();
        s.scheduler.scheduleWithFixedDelay(s::ping, 0, PING_MS, TimeUnit.MILLISECONDS);
        return s;
    }

    public String user() {
        return user;
    }

    /** Queues a message to {@code #ROOM} or a user; invalid input fails at once. */
    public Outgoing send(String to, String text) {
        ChatOp.Send op = new ChatOp.Send(to, text);
        op.validate();
        Outgoing o = new Outgoing(typed.incrementAndGet(), to, text);
        synchronized (outgoing) {
            outgoing.add(o);
        }
        listener.outgoing(o);
        sends.submit(new Write.Chat(op), () -> { }).whenComplete((r, err) -> {
            if (err != null) {
                o.failed(problemOf(err));
            } else {
                o.succeeded(((ChatResult.Posted) ((Result.Chat) r).value()).id());
            }
            synchronized (outgoing) {
                outgoing.remove(o);
            }
            listener.outgoing(o);
        });
        return o;
    }

    /** Own messages not yet confirmed, in typing order. */
    public List<Outgoing> pending() {
        synchronized (outgoing) {
            return List.copyOf(outgoing);
        }
    }

    /** Any other write, through the same ordered queue; completes with its result or fails with the refusal. */
    public CompletableFuture<ChatResult> write(ChatOp op) {
        op.validate();
        return sends.submit(new Write.Chat(op), () -> { }).thenApply(r -> ((Result.Chat) r).value());
    }

    public CompletableFuture<ChatResult> edit(long id, String text) {
        return write(new ChatOp.Edit(id, text));
    }

    public CompletableFuture<ChatResult> delete(long id) {
        return write(new ChatOp.Delete(id));
    }

    public CompletableFuture<ChatResult> join(String room) {
        return write(new ChatOp.JoinRoom(room));
    }

    public CompletableFuture<ChatResult> leave(String room) {
        return write(new ChatOp.LeaveRoom(room));
    }

    public CompletableFuture<ChatResult> markRead(String with, long upTo) {
        return write(new ChatOp.MarkRead(with, upTo));
    }

    public ChatReply.History history(String with, long before, long after, int limit) {
        return (ChatReply.History) query(new ChatQuery.History(with, before, after, limit));
    }

    /** Joined rooms and direct conversations with unread counts. */
    public ChatReply.Conversations conversations() {
        return (ChatReply.Conversations) query(new ChatQuery.Conversations());
    }

    public ChatReply.Rooms rooms() {
        return (ChatReply.Rooms) query(new ChatQuery.Rooms());
    }

    private ChatReply query(ChatQuery q) {
        return ((Response.Chat) client.read(new Query.Chat(q), token)).reply();
    }

    /** The user is typing in {@code with} ({@code #ROOM} or a user): tells every node now. */
    public void typing(String with) {
        ChatRules.conversation("with", with);
        typingIn = with;
        typingUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PING_MS + 1_000);
        scheduler.execute(this::ping);
    }

    private void onEvent(Event e) {
        if (!(e.change() instanceof Event.Chat c)) {
            return;
        }
        if (c.value() instanceof ChatEvent.Posted p) {
            deliver(p.message());
            if (p.message().room() == null && user.equalsIgnoreCase(String.valueOf(p.message().to()))) {
                takeInbox();
            }
        } else {
            listener.changed(c.value());
        }
    }

    private void deliver(Message m) {
        synchronized (seen) {
            if (!seen.add(m.id())) {
                return;
            }
            if (seen.size() > SEEN_MAX) {
                seen.remove(seen.iterator().next());
            }
        }
        listener.message(m);
    }

    /** At most one take waits in the queue; a direct message arriving while one runs queues the next. */
    private void takeInbox() {
        synchronized (this) {
            if (takeQueued) {
                return;
            }
            takeQueued = true;
        }
        Runnable started = () -> {
            synchronized (this) {
                takeQueued = false;
            }
        };
        sends.submit(new Write.Chat(new ChatOp.TakeInbox(ChatRules.MAX_INBOX)), started).whenComplete((r, err) -> {
            if (err != null) {
                listener.problem(problemOf(err));
                return;
            }
            ChatResult.Inbox inbox = (ChatResult.Inbox) ((Result.Chat) r).value();
            inbox.messages().forEach(this::deliver);
            if (inbox.remaining() > 0) {
                takeInbox();
            }
        });
    }

    private void onFeedError(ConcordException e) {
        listener.problem(e);
    }

    /** Pings every node without waiting on any (a node that is down just does not answer). */
    private void ping() {
        String with = System.nanoTime() - typingUntil < 0 ? typingIn : null;
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (NodeAddress n : client.nodes()) {
            answers.add(client.ask(n, new Query.Chat(new ChatQuery.Ping(with)), token, 1_000)
                    .exceptionally(err -> null));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenRun(() -> {
            Set<String> online = new TreeSet<>();
            Set<ChatReply.Typing> typing = new LinkedHashSet<>();
            for (CompletableFuture<Response> a : answers) {
                if (a.getNow(null) instanceof Response.Chat rc && rc.reply() instanceof ChatReply.Presence p) {
                    online.addAll(p.online());
                    typing.addAll(p.typing());
                }
            }
            listener.presence(new ChatReply.Presence(new ArrayList<>(online), new ArrayList<>(typing)));
        });
    }

    private static ConcordException problemOf(Throwable err) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        return t instanceof ConcordException c ? c : new ConcordException(ErrorCode.INTERNAL, String.valueOf(t), t);
    }

    /** Stops the feed and pings; writes not yet confirmed fail (they may still have applied). */
    @Override
    public void close() {
        Subscription f = feed;
        if (f != null) {
            f.close();
        }
        sends.close();
        scheduler.shutdownNow();
    }
}
