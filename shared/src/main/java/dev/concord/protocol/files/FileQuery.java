package dev.concord.protocol.files;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;

/**
 * Reads of the shared tree, carried in {@link dev.concord.protocol.Query.File}. All are
 * linearizable (readIndex), except that {@link Read} of a version is served straight from any node
 * that has applied {@code atIndex}: a version's bytes never change, so such a node answers as the
 * leader would.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileQuery.List.class, name = "list"),
    @JsonSubTypes.Type(value = FileQuery.Stat.class, name = "stat"),
    @JsonSubTypes.Type(value = FileQuery.Versions.class, name = "versions"),
    @JsonSubTypes.Type(value = FileQuery.Read.class, name = "read"),
    @JsonSubTypes.Type(value = FileQuery.Upload.class, name = "upload"),
    @JsonSubTypes.Type(value = FileQuery.Uploads.class, name = "uploads"),
    @JsonSubTypes.Type(value = FileQuery.Trash.class, name = "trash"),
    @JsonSubTypes.Type(value = FileQuery.Usage.class, name = "usage"),
})
public sealed interface FileQuery {

    /** Throws BAD_REQUEST when the query can never succeed. */
    void validate();

    /** The entries directly inside folder {@code dir} ({@code /} for the top), in name byte order. */
    record List(String dir) implements FileQuery {
        @Override
        public void validate() {
            FilePaths.validateDir("dir", dir);
        }
    }

    /** What is at {@code path}. */
    record Stat(String path) implements FileQuery {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
        }
    }

    /** The kept versions of the file at {@code path}, oldest first. */
    record Versions(String path) implements FileQuery {
        @Override
        public void validate() {
            FilePaths.validate("path", path);
        }
    }

    /** Chunk {@code chunk} of version {@code version} of file {@code id}; {@code atIndex} is the index a stat returned. */
    record Read(long id, long version, int chunk, long atIndex) implements FileQuery {
        @Override
        public void validate() {
            if (id <= 0 || version <= 0 || chunk < 0 || atIndex < 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "read needs a file id and version > 0 and a chunk"
                        + " >= 0; take them from a file stat");
            }
        }
    }

    /** State of upload {@code upload}: how many chunks are in (resume from there). */
    record Upload(long upload) implements FileQuery {
        @Override
        public void validate() {
            if (upload <= 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "upload id must be positive");
            }
        }
    }

    /** Unfinished uploads to {@code path}, or all of them when null. */
    record Uploads(String path) implements FileQuery {
        @Override
        public void validate() {
            if (path != null) {
                FilePaths.validate("path", path);
            }
        }
    }

    /** The trash, oldest item first. */
    record Trash() implements FileQuery {
        @Override
        public void validate() {
        }
    }

    /** Bytes stored for {@code account} and in the whole cluster, with the quotas. */
    record Usage(String account) implements FileQuery {
        @Override
        public void validate() {
            FilePaths.author(account);
            if (account == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "usage needs an account name");
            }
        }
    }
}
