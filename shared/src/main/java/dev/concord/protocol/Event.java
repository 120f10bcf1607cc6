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
        @JsonSubTypes.Type(value = DocCreated.class, name = "doc.created"),
        @JsonSubTypes.Type(value = DocRenamed.class, name = "doc.renamed"),
        @JsonSubTypes.Type(value = DocDeleted.class, name = "doc.deleted"),
        @JsonSubTypes.Type(value = DocEdited.class, name = "doc.edited"),
        @JsonSubTypes.Type(value = Chat.class, name = "chat"),
        @JsonSubTypes.Type(value = File.class, name = "file"),
    })
    public sealed interface Change {
    }

    /** A record was appended to a stream. */
    public record StreamAppended(String stream, long offset, String text) implements Change {
    }

    /** A register took a new value (null: deleted). */
    public record RegisterChanged(String key, String value) implements Change {
    }

    /** A document was created (empty, revision 0). */
    public record DocCreated(long id, String path) implements Change {
    }

    /** A document moved; its id and history stay. */
    public record DocRenamed(long id, String from, String to) implements Change {
    }

    /** A document was deleted. */
    public record DocDeleted(long id, String path) implements Change {
    }

    /** Revision {@code revision} of document {@code id}: {@code op} as applied (already transformed). */
    public record DocEdited(long id, String path, int revision, dev.concord.ot.TextOperation op, String author) implements Change {
    }

    /**
     * A chat change (see {@link dev.concord.protocol.chat.ChatEvent}). A node serving the feed
     * passes it only to sessions allowed to see its conversation.
     */
    public record Chat(dev.concord.protocol.chat.ChatEvent value) implements Change {
    }

    /** A change in the shared folder tree (see {@link dev.concord.protocol.files.FileEvent}). */
    public record File(dev.concord.protocol.files.FileEvent value) implements Change {
    }
}
