package dev.concord.protocol.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Committed chat changes, carried in {@link dev.concord.protocol.Event.Chat}. Each belongs to one
 * conversation, and a node serving the feed passes it only to sessions of that conversation's
 * members (direct messages: the two parties; rooms: the current members).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatEvent.Posted.class, name = "posted"),
    @JsonSubTypes.Type(value = ChatEvent.Edited.class, name = "edited"),
    @JsonSubTypes.Type(value = ChatEvent.Deleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = ChatEvent.Receipt.class, name = "receipt"),
    @JsonSubTypes.Type(value = ChatEvent.Membership.class, name = "membership"),
})
public sealed interface ChatEvent {

    /** The conversation this event belongs to, which decides who may see it. */
    @JsonIgnore
    String convId();

    /** A new message ({@code status} is null here; readers compute their own). */
    record Posted(Message message) implements ChatEvent {
        @Override
        public String convId() {
            return message.conv();
        }
    }

    record Edited(String conv, long id, String text, long time) implements ChatEvent {
        @Override
        public String convId() {
            return conv;
        }
    }

    record Deleted(String conv, long id) implements ChatEvent {
        @Override
        public String convId() {
            return conv;
        }
    }

    /** {@code user} has received direct messages up to {@code delivered} and read up to {@code read}. */
    record Receipt(String conv, String user, long delivered, long read) implements ChatEvent {
        @Override
        public String convId() {
            return conv;
        }
    }

    /** {@code user} joined ({@code joined}) or left room {@code room}. */
    record Membership(String conv, String room, String user, boolean joined) implements ChatEvent {
        @Override
        public String convId() {
            return conv;
        }
    }
}
