package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The outcome of one applied write, computed identically by every node. A rejected write is an
 * ordinary result: it is replicated, remembered for duplicate detection, and changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Result.Appended.class, name = "appended"),
    @JsonSubTypes.Type(value = Result.CasResult.class, name = "cas"),
    @JsonSubTypes.Type(value = Result.Rejected.class, name = "rejected"),
    @JsonSubTypes.Type(value = Result.DocCreated.class, name = "doc.created"),
    @JsonSubTypes.Type(value = Result.DocRenamed.class, name = "doc.renamed"),
    @JsonSubTypes.Type(value = Result.DocDeleted.class, name = "doc.deleted"),
    @JsonSubTypes.Type(value = Result.DocCommitted.class, name = "doc.committed"),
    @JsonSubTypes.Type(value = Result.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = Result.File.class, name = "file"),
})
public sealed interface Result {

    /** Log index of the entry that produced this result (0 for rejections made before the log). */
    long index();

    /** The record got this offset in its stream. */
    record Appended(String stream, long offset, long index) implements Result {
    }

    /**
     * {@code swapped} tells whether the value changed; {@code previous} is the value the CAS saw
     * (null when the key was absent), which linearizability checking uses.
     */
    record CasResult(boolean swapped, String previous, long index) implements Result {
    }

    /** The write was refused; nothing changed. */
    record Rejected(ErrorCode code, String message, long index) implements Result {
    }

    /** A document was created with this stable id. */
    record DocCreated(long id, String path, long index) implements Result {
    }

    /** Document {@code id} moved from {@code from} to {@code to}. */
    record DocRenamed(long id, String from, String to, long index) implements Result {
    }

    /** Document {@code id} was deleted. */
    record DocDeleted(long id, String path, long index) implements Result {
    }

    /** An edit or restore became {@code revision}; {@code length} is the document length after it. */
    record DocCommitted(long id, int revision, int length, long index) implements Result {
    }

    /** Outcome of an account or chat write (see {@link dev.concord.protocol.chat.ChatResult}). */
    record Chat(dev.concord.protocol.chat.ChatResult value, long index) implements Result {
    }

    /** Outcome of a shared-folder or file write (see {@link dev.concord.protocol.files.FileResult}). */
    record File(dev.concord.protocol.files.FileResult value, long index) implements Result {
    }
}
