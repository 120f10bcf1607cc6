package dev.concord.protocol.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Account and chat reads, carried in {@link dev.concord.protocol.Query.Chat}; each needs a session
 * token in the read request. All but {@link Ping} are linearizable (served after readIndex).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatQuery.Users.class, name = "users"),
    @JsonSubTypes.Type(value = ChatQuery.History.class, name = "history"),
    @JsonSubTypes.Type(value = ChatQuery.Rooms.class, name = "rooms"),
    @JsonSubTypes.Type(value = ChatQuery.Conversations.class, name = "conversations"),
    @JsonSubTypes.Type(value = ChatQuery.Ping.class, name = "ping"),
})
public sealed interface ChatQuery {

    /** Users whose name matches {@code pattern} ({@code *} any run, {@code ?} one char, case-insensitive; empty or null: all). */
    record Users(String pattern) implements ChatQuery {
    }

    /**
     * Messages of conversation {@code with} ({@code #ROOM} or a user name), oldest first: the last
     * {@code limit} before id {@code before} (0: no bound), or with {@code after} > 0 the first
     * {@code limit} after it.
     */
    record History(String with, long before, long after, int limit) implements ChatQuery {
    }

    /** Every room, with whether the caller joined it and its unread count. */
    record Rooms() implements ChatQuery {
    }

    /** The caller's joined rooms and direct conversations with unread counts. */
    record Conversations() implements ChatQuery {
    }

    /**
     * Presence heartbeat, served from the node's memory (not linearizable, not in the log):
     * marks the caller online there and, when {@code typingIn} is set, typing in that conversation.
     */
    record Ping(String typingIn) implements ChatQuery {
    }
}
