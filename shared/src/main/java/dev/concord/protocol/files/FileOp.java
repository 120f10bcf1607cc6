package dev.concord.protocol.files;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Payloads;

/**
 * Writes to the shared tree, carried in {@link dev.concord.protocol.Write.File}. An upload is three
 * kinds of log entry, so no entry is larger than one chunk and other writes interleave with it:
 * <pre>
 *   Begin(path, size, sha256, expect) ──► upload id (quota reserved; nothing visible yet)
 *   Chunk(id, 0..n-1, bytes)          ──► each its own entry, in order; the next expected index comes back
 *   Commit(id)                        ──► checksum checked, version n+1 visible atomically
 * </pre>
 * {@code author}, where present, names whom the stored entry is attributed and charged to; when
 * absent the client id is used. (Once accounts land, the session's user name replaces both.)
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileOp.MakeFolder.class, name = "folder.create"),
    @JsonSubTypes.Type(value = FileOp.Move.class, name = "move"),
    @JsonSubTypes.Type(value = FileOp.Delete.class, name = "delete"),
    @JsonSubTypes.Type(value = FileOp.RestoreTrash.class, name = "trash.restore"),
    @JsonSubTypes.Type(value = FileOp.EmptyTrash.class, name = "trash.empty"),
    @JsonSubTypes.Type(value = FileOp.Begin.class, name = "upload.begin"),
    @JsonSubTypes.Type(value = FileOp.Chunk.class, name = "upload.chunk"),
    @JsonSubTypes.Type(value = FileOp.Commit.class, name = "upload.commit"),
    @JsonSubTypes.Type(value = FileOp.Abort.class, name = "upload.abort"),
    @JsonSubTypes.Type(value = FileOp.RestoreVersion.class, name = "version.restore"),
})
public sealed interface FileOp {

    /** Throws BAD_REQUEST or TOO_LARGE when the op can never succeed. */
    void validate();

    /** Create folder {@code path} and any missing folders above it; CONFLICT when the path is taken. */
    record MakeFolder(String path, String author) implements FileOp {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
            FilePaths.author(author);
        }
    }

    /** Move a folder (with everything inside it), document or file; missing folders above {@code to} are created. */
    record Move(String path, String to) implements FileOp {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
            FilePaths.validate("to", to);
        }
    }

    /** Move a folder (with its contents), document or file into the trash. */
    record Delete(String path, String author) implements FileOp {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
            FilePaths.author(author);
        }
    }

    /** Put trash item {@code trash} back, at {@code to} or (null) where it was deleted from. */
    record RestoreTrash(long trash, String to) implements FileOp {
        @Override
        public void validate() {
            positive("trash", trash, "list the trash with bin/concord file trash");
            if (to != null) {
                FilePaths.validate("to", to);
            }
        }
    }

    /** Delete trash item {@code trash} for good, or every item when it is 0; frees their bytes. */
    record EmptyTrash(long trash) implements FileOp {
        @Override
        public void validate() {
            if (trash < 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "trash id must be positive, or 0 for all items");
            }
        }
    }

    /**
     * Start uploading {@code size} bytes whose SHA-256 is {@code sha256} to {@code path}.
     * {@code expect}: null makes the upload the next version whatever is there; 0 requires that
     * nothing is at the path; n requires the file to be at version n, at begin and again at commit.
     */
    record Begin(String path, long size, String sha256, Long expect, String author) implements FileOp {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
            if (size < 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "size must be >= 0, got " + size);
            }
            if (size > Limits.MAX_FILE_BYTES) {
                throw new ConcordException(ErrorCode.TOO_LARGE, "file of " + size + " bytes; the limit is "
                        + Limits.MAX_FILE_BYTES + " (1 GiB): split it or compress it");
            }
            FilePaths.sha256("sha256", sha256);
            if (expect != null && expect < 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "expected version must be >= 0 (0: the path must"
                        + " be free), got " + expect);
            }
            FilePaths.author(author);
        }

        /** How many chunks the upload has. */
        public int chunks() {
            return chunkCount(size);
        }
    }

    /**
     * Chunk {@code index} of upload {@code upload}: {@link Limits#FILE_CHUNK_BYTES} bytes, fewer
     * only for the last. On the wire and in the log {@code data} travels outside the JSON ({@link Payloads}).
     */
    record Chunk(long upload, int index,
                 @JsonSerialize(using = Payloads.Out.class) @JsonDeserialize(using = Payloads.In.class) byte[] data)
            implements FileOp {
        @Override
        public void validate() {
            positive("upload", upload, "start an upload first");
            if (index < 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "chunk index must be >= 0, got " + index);
            }
            if (data == null || data.length == 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "chunk " + index + " has no data");
            }
            if (data.length > Limits.FILE_CHUNK_BYTES) {
                throw new ConcordException(ErrorCode.TOO_LARGE, "chunk of " + data.length + " bytes; a chunk holds at most "
                        + Limits.FILE_CHUNK_BYTES);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.upload == upload && c.index == index && java.util.Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(upload, index, java.util.Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Chunk[upload=" + upload + ", index=" + index + ", bytes=" + (data == null ? 0 : data.length) + "]";
        }
    }

    /** Make the upload visible as the next version once all its bytes are in and their SHA-256 matches. */
    record Commit(long upload) implements FileOp {
        @Override
        public void validate() {
            positive("upload", upload, "start an upload first");
        }
    }

    /** Drop an unfinished upload and release the quota it reserved. */
    record Abort(long upload) implements FileOp {
        @Override
        public void validate() {
            positive("upload", upload, "list uploads with bin/concord file uploads");
        }
    }

    /** Make version {@code version} of the file at {@code path} its next version again (no bytes are copied). */
    record RestoreVersion(String path, long version, String author) implements FileOp {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
            positive("version", version, "list versions with bin/concord file versions PATH");
            FilePaths.author(author);
        }
    }

    /** Chunks of a file of {@code size} bytes (0 for an empty file). */
    static int chunkCount(long size) {
        return (int) ((size + Limits.FILE_CHUNK_BYTES - 1) / Limits.FILE_CHUNK_BYTES);
    }

    private static void positive(String field, long value, String hint) {
        if (value <= 0) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, field + " must be positive, got " + value + "; " + hint);
        }
    }
}
