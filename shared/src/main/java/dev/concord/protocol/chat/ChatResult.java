package dev.concord.protocol.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** Successful outcomes of {@link ChatOp}s, carried in {@link dev.concord.protocol.Result.Chat}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatResult.AccountCreated.class, name = "account.created"),
    @JsonSubTypes.Type(value = ChatResult.SessionOpened.class, name = "session.opened"),
    @JsonSubTypes.Type(value = ChatResult.LoggedIn.class, name = "logged.in"),
    @JsonSubTypes.Type(value = ChatResult.LoggedOut.class, name = "logged.out"),
    @JsonSubTypes.Type(value = ChatResult.AccountDeleted.class, name = "account.deleted"),
    @JsonSubTypes.Type(value = ChatResult.Posted.class, name = "posted"),
    @JsonSubTypes.Type(value = ChatResult.Edited.class, name = "edited"),
    @JsonSubTypes.Type(value = ChatResult.Deleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = ChatResult.RoomJoined.class, name = "room.joined"),
    @JsonSubTypes.Type(value = ChatResult.RoomLeft.class, name = "room.left"),
    @JsonSubTypes.Type(value = ChatResult.Inbox.class, name = "inbox"),
    @JsonSubTypes.Type(value = ChatResult.MarkedRead.class, name = "marked.read"),
})
public sealed interface ChatResult {

    record AccountCreated(String name) implements ChatResult {
    }

    /**
     * What apply records for a login: the session's token hash only. The leader answers the client
     * with {@link LoggedIn} instead, adding the token it generated and kept out of the log.
     */
    record SessionOpened(String name, String tokenHash) implements ChatResult {
    }

    /** The reply to a login; the only place a token ever travels. */
    record LoggedIn(String name, String token) implements ChatResult {
        @Override
        public String toString() {
            return "LoggedIn[name=" + name + ", token=(hidden)]";
        }
    }

    /** {@code closed} sessions were closed. */
    record LoggedOut(int closed) implements ChatResult {
    }

    record AccountDeleted(String name) implements ChatResult {
    }

    /** The message got id {@code id} in conversation {@code conv}. */
    record Posted(long id, String conv) implements ChatResult {
    }

    record Edited(long id) implements ChatResult {
    }

    record Deleted(long id) implements ChatResult {
    }

    /** {@code created}: the room did not exist and was made by this join (or create). */
    record RoomJoined(String room, boolean created) implements ChatResult {
    }

    record RoomLeft(String room) implements ChatResult {
    }

    /** Queued direct messages, oldest first, now marked delivered; {@code remaining} are still queued. */
    record Inbox(List<Message> messages, long remaining) implements ChatResult {
        public Inbox {
            messages = List.copyOf(messages);
        }
    }

    record MarkedRead(String with, long upTo) implements ChatResult {
    }
}
