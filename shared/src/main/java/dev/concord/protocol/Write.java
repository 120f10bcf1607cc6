package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A state change a client asks for. Every write becomes part of a log entry and is applied by every
 * node; {@link #validate()} runs on the client and again on the leader before proposing, so apply
 * only sees well-formed writes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Write.StreamAppend.class, name = "stream.append"),
    @JsonSubTypes.Type(value = Write.Cas.class, name = "cas"),
    @JsonSubTypes.Type(value = Write.DocCreate.class, name = "doc.create"),
    @JsonSubTypes.Type(value = Write.DocRename.class, name = "doc.rename"),
    @JsonSubTypes.Type(value = Write.DocDelete.class, name = "doc.delete"),
    @JsonSubTypes.Type(value = Write.DocSubmit.class, name = "doc.submit"),
    @JsonSubTypes.Type(value = Write.DocRestore.class, name = "doc.restore"),
    @JsonSubTypes.Type(value = Write.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = Write.File.class, name = "file"),
})
public sealed interface Write {

    /** Throws {@link ConcordException} (BAD_REQUEST or TOO_LARGE) when the write can never succeed. */
    void validate();

    /** Roughly the encoded size in bytes, for batching; hot write types override the exact encoding. */
    default int sizeHint() {
        return Codec.encode(this).length;
    }

    /** Append one record to the named stream; the result carries its offset (0-based, dense). */
    record StreamAppend(String stream, String text) implements Write {
        @Override
        public void validate() {
            Validation.name("stream", stream);
            Validation.value("text", text);
        }

        @Override
        public int sizeHint() {
            return 48 + 3 * (stream.length() + text.length());
        }
    }

    /**
     * Compare-and-set on a register: set {@code value} if the current value equals {@code expected}
     * ({@code null} expected means the key must be absent; {@code null} value deletes the key).
     */
    record Cas(String key, String expected, String value) implements Write {
        @Override
        public void validate() {
            Validation.name("key", key);
            // Registers never hold "", so '' can stand for "absent" on the command line.
            if (expected != null) {
                Validation.value("expected", expected);
                Validation.nonEmpty("expected", expected);
            }
            if (value != null) {
                Validation.value("value", value);
                Validation.nonEmpty("value", value);
            }
        }
    }

    /** Create an empty document (revision 0) at {@code path}; CONFLICT when the path is taken. */
    record DocCreate(String path) implements Write {
        @Override
        public void validate() {
            DocPath.validate("path", path);
        }
    }

    /** Move the document at {@code path} to {@code to}; its id and history stay. */
    record DocRename(String path, String to) implements Write {
        @Override
        public void validate() {
            DocPath.validate("path", path);
            DocPath.validate("to", to);
        }
    }

    /** Delete the document at {@code path}; open sessions get a deletion event. */
    record DocDelete(String path) implements Write {
        @Override
        public void validate() {
            DocPath.validate("path", path);
        }
    }

    /**
     * Apply {@code op}, written against revision {@code base} of document {@code id}; the server
     * transforms it against every operation committed since {@code base} and commits it as the next
     * revision. STALE_REVISION when {@code base} is ahead of the document or too far behind.
     * A no-op is accepted and becomes a revision too: a client's buffered edits can compose to
     * nothing (type, then delete), and its protocol needs every send acknowledged in order.
     */
    record DocSubmit(long id, int base, dev.concord.ot.TextOperation op) implements Write {
        @Override
        public void validate() {
            DocRefs.id(id);
            DocRefs.revision("base", base);
            if (op == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "op is missing");
            }
            if (op.targetLength() > Limits.MAX_DOC_CHARS) {
                throw new ConcordException(ErrorCode.TOO_LARGE, "op makes a document of " + op.targetLength()
                        + " chars; the limit is " + Limits.MAX_DOC_CHARS);
            }
        }
    }

    /** Make document {@code id} read as it did at {@code revision}, as one new revision (history stays). */
    record DocRestore(long id, int revision) implements Write {
        @Override
        public void validate() {
            DocRefs.id(id);
            DocRefs.revision("revision", revision);
        }
    }

    /** An account or chat operation; the family lives in {@link dev.concord.protocol.chat.ChatOp}. */
    record Chat(dev.concord.protocol.chat.ChatOp op) implements Write {
        @Override
        public void validate() {
            if (op == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "chat write has no op");
            }
            op.validate();
        }
    }

    /** A shared-folder or file write; the family lives in {@link dev.concord.protocol.files.FileOp}. */
    record File(dev.concord.protocol.files.FileOp op) implements Write {
        @Override
        public void validate() {
            if (op == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "file write has no op");
            }
            op.validate();
        }

        @Override
        public int sizeHint() {
            return op instanceof dev.concord.protocol.files.FileOp.Chunk c && c.data() != null
                    ? 128 + c.data().length : Write.super.sizeHint();
        }
    }
}
