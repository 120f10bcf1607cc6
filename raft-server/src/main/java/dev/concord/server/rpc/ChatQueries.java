package dev.concord.server.rpc;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Response;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.server.auth.Tokens;
import dev.concord.server.feed.Presence;
import dev.concord.server.state.ChatReader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Serves account and chat reads and guards the other reads: {@code require_auth} checks, the
 * per-session filter on feed pages, and presence. Callers are named by their token's hash only.
 */
public final class ChatQueries {
    /** How long after a feed poll's wait ends its user still counts as online (the next poll is on its way). */
    private static final long FEED_GRACE_MS = 5_000;

    /** Runs a read after readIndex confirmed this node is up to date, and answers with it. */
    @FunctionalInterface
    interface Linearizable {
        void run(Supplier<Response> read);
    }

    private final ChatReader reader;
    private final Presence presence;
    private final boolean requireAuth;

    public ChatQueries(ChatReader reader, Presence presence, boolean requireAuth) {
        this.reader = reader;
        this.presence = presence;
        this.requireAuth = requireAuth;
    }

    /** With {@code require_auth}, a register or stream read needs a live session. */
    void checkPlain(String token) {
        if (!requireAuth) {
            return;
        }
        if (token == null || reader.who(Tokens.hash(token)) == null) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "this cluster requires login (require_auth = true);"
                    + " log in with bin/concord user login NAME");
        }
    }

    /**
     * Wraps a feed reply: marks the session's user online for the poll, and passes on only the
     * events the session may see. Filtering happens when the page is built, on this node, so a
     * reader never receives another conversation's messages.
     */
    Consumer<Response> feed(String token, long waitMs, Consumer<Response> reply) {
        String hash = Tokens.hash(token);
        if (hash != null) {
            ChatReader.Who who = reader.who(hash);
            if (who != null) {
                presence.seen(ChatRules.fold(who.name()), who.name(), Math.min(waitMs, 60_000) + FEED_GRACE_MS);
            }
        }
        return page -> {
            if (!(page instanceof Response.EventPage p)) {
                reply.accept(page);
                return;
            }
            try {
                reply.accept(new Response.EventPage(reader.visible(p.events(), hash, requireAuth), p.last(), p.leader()));
            } catch (ConcordException e) {
                reply.accept(new Response.Failure(e.code(), e.getMessage(), null));
            }
        };
    }

    void serve(ChatQuery query, String token, Linearizable linearizable, Consumer<Response> reply) {
        String hash = Tokens.hash(token);
        if (query instanceof ChatQuery.Users u) {
            linearizable.run(() -> new Response.Chat(reader.users(hash, u.pattern(), presence::isOnline)));
        } else if (query instanceof ChatQuery.History h) {
            linearizable.run(() -> new Response.Chat(reader.history(hash, h)));
        } else if (query instanceof ChatQuery.Rooms) {
            linearizable.run(() -> new Response.Chat(reader.rooms(hash)));
        } else if (query instanceof ChatQuery.Conversations) {
            linearizable.run(() -> new Response.Chat(reader.conversations(hash)));
        } else if (query instanceof ChatQuery.Ping p) {
            reply.accept(new Response.Chat(ping(hash, p.typingIn())));
        } else {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "unknown chat query; upgrade this node");
        }
    }

    private ChatReply.Presence ping(String hash, String typingIn) {
        ChatReader.Who who = hash == null ? null : reader.who(hash);
        if (who == null) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "not logged in, or the session has ended;"
                    + " log in with bin/concord user login NAME");
        }
        String key = ChatRules.fold(who.name());
        presence.seen(key, who.name(), Presence.PING_TTL_MS);
        Set<String> mine = reader.conversationsOf(hash);
        // A direct conversation exists only from its first message, but typing may come before it.
        Predicate<String> visible = conv -> mine.contains(conv) || ChatReader.isParty(conv, who.account());
        if (typingIn != null) {
            ChatRules.conversation("typingIn", typingIn);
            String conv = reader.conversationId(hash, typingIn);
            presence.typing(key, who.name(), conv);
        }
        return new ChatReply.Presence(presence.online(), presence.typingIn(visible).stream()
                .filter(t -> !t.user().equals(who.name())).toList());
    }
}
