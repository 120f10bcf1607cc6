package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A committed change as subscribers see it, tagged with the log index of the entry that made it.
 * Events are replicated state (every node stores the same ones), so a subscriber can resume from
 * its last index against any node after a failover, with no gap and no duplicate.
 */
public record Event(long index, String clientId, long seq, long time, Change change) {

    /** What changed. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = StreamAppended.class, name = "stream.appended"),
        @JsonSubTypes.Type(value = RegisterChanged.class, name = "register.changed"),
        @JsonSubTypes.Type(value = Chat.class, name = "chat"),
    })
    public sealed interface Change {
    }

    /** A record was appended to a stream. */
    public record StreamAppended(String stream, long offset, String text) implements Change {
    }

    /** A register took a new value (null: deleted). */
    public record RegisterChanged(String key, String value) implements Change {
    }

    /**
     * A chat change (see {@link dev.concord.protocol.chat.ChatEvent}). A node serving the feed
     * passes it only to sessions allowed to see its conversation.
     */
    public record Chat(dev.concord.protocol.chat.ChatEvent value) implements Change {
    }
}
