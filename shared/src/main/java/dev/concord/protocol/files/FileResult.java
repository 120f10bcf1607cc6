package dev.concord.protocol.files;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Outcomes of {@link FileOp}s, carried in {@link dev.concord.protocol.Result.File}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileResult.FolderCreated.class, name = "folder.created"),
    @JsonSubTypes.Type(value = FileResult.Moved.class, name = "moved"),
    @JsonSubTypes.Type(value = FileResult.Trashed.class, name = "trashed"),
    @JsonSubTypes.Type(value = FileResult.Restored.class, name = "restored"),
    @JsonSubTypes.Type(value = FileResult.TrashEmptied.class, name = "trash.emptied"),
    @JsonSubTypes.Type(value = FileResult.UploadStarted.class, name = "upload.started"),
    @JsonSubTypes.Type(value = FileResult.ChunkStored.class, name = "chunk.stored"),
    @JsonSubTypes.Type(value = FileResult.Committed.class, name = "committed"),
    @JsonSubTypes.Type(value = FileResult.Aborted.class, name = "aborted"),
})
public sealed interface FileResult {

    /** Folder {@code path} exists now; {@code created} lists it and the missing folders above it that were made. */
    record FolderCreated(String path, java.util.List<String> created) implements FileResult {
        public FolderCreated {
            created = java.util.List.copyOf(created);
        }
    }

    /** {@code entries} namespace entries (the item and everything inside it) moved from {@code from} to {@code to}. */
    record Moved(String kind, String from, String to, int entries) implements FileResult {
    }

    /** The item at {@code path} (with {@code entries} entries in all) is trash item {@code trash} now. */
    record Trashed(String kind, String path, long trash, int entries) implements FileResult {
    }

    /** Trash item {@code trash} is back, at {@code path}. */
    record Restored(long trash, String kind, String path) implements FileResult {
    }

    /** {@code items} trash items were deleted for good, freeing {@code bytes} bytes of file data. */
    record TrashEmptied(int items, long bytes) implements FileResult {
    }

    /** Upload {@code upload} may now receive its {@code chunks} chunks of {@code chunkSize} bytes (the last may be shorter). */
    record UploadStarted(long upload, int chunkSize, int chunks) implements FileResult {
    }

    /** The upload holds chunks 0..{@code next}-1, {@code received} bytes in all; send chunk {@code next} next. */
    record ChunkStored(long upload, int next, long received) implements FileResult {
    }

    /** Version {@code version} of file {@code id} at {@code path} is visible (an upload or a restore made it). */
    record Committed(long id, String path, long version, long size, String sha256) implements FileResult {
    }

    /** The upload is gone and its reserved quota released. */
    record Aborted(long upload) implements FileResult {
    }
}
