package dev.concord.protocol.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** Answers to {@link ChatQuery}s, carried in {@link dev.concord.protocol.Response.Chat}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatReply.Users.class, name = "users"),
    @JsonSubTypes.Type(value = ChatReply.History.class, name = "history"),
    @JsonSubTypes.Type(value = ChatReply.Rooms.class, name = "rooms"),
    @JsonSubTypes.Type(value = ChatReply.Conversations.class, name = "conversations"),
    @JsonSubTypes.Type(value = ChatReply.Presence.class, name = "presence"),
})
public sealed interface ChatReply {

    /** {@code online}: the user has a live feed or presence connection to the answering node. */
    record User(String name, boolean online) {
    }

    record Users(List<User> users) implements ChatReply {
        public Users {
            users = List.copyOf(users);
        }
    }

    /**
     * One page of a conversation, oldest first. {@code more}: older messages exist (or, paging
     * forward with {@code after}, newer ones). {@code index}: the applied log index it was read at.
     */
    record History(String with, List<Message> messages, boolean more, long index) implements ChatReply {
        public History {
            messages = List.copyOf(messages);
        }
    }

    /** A room; {@code unread} is 0 when the caller has not joined. */
    record Room(String room, int members, boolean joined, long unread, long lastId) {
    }

    record Rooms(List<Room> rooms) implements ChatReply {
        public Rooms {
            rooms = List.copyOf(rooms);
        }
    }

    /** A joined room ({@code #ROOM}) or a direct conversation (the other user's name; null if deleted). */
    record Conversation(String with, String conv, long unread, long lastId, long readUpTo) {
    }

    /** {@code index}: the applied log index it was read at (subscribe after it to follow on). */
    record Conversations(List<Conversation> conversations, long index) implements ChatReply {
        public Conversations {
            conversations = List.copyOf(conversations);
        }
    }

    /** {@code user} is typing in {@code conv}. */
    record Typing(String user, String conv) {
    }

    /** Who the answering node sees online, and who types in the caller's conversations. */
    record Presence(List<String> online, List<Typing> typing) implements ChatReply {
        public Presence {
            online = List.copyOf(online);
            typing = List.copyOf(typing);
        }
    }
}
