package dev.concord.protocol.files;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Changes in the shared tree as subscribers see them, carried in {@link dev.concord.protocol.Event.File}.
 * Document sessions also get the document events ({@code doc.renamed}, {@code doc.deleted},
 * {@code doc.created}) of documents a tree change moved, trashed or restored. Upload chunks make no
 * events: an upload shows up once, as {@link Versioned}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileEvent.FolderCreated.class, name = "folder.created"),
    @JsonSubTypes.Type(value = FileEvent.Moved.class, name = "moved"),
    @JsonSubTypes.Type(value = FileEvent.Trashed.class, name = "trashed"),
    @JsonSubTypes.Type(value = FileEvent.Restored.class, name = "restored"),
    @JsonSubTypes.Type(value = FileEvent.Versioned.class, name = "versioned"),
    @JsonSubTypes.Type(value = FileEvent.TrashEmptied.class, name = "trash.emptied"),
})
public sealed interface FileEvent {

    record FolderCreated(String path) implements FileEvent {
    }

    record Moved(String kind, String from, String to) implements FileEvent {
    }

    record Trashed(String kind, String path, long trash) implements FileEvent {
    }

    record Restored(String kind, String path, long trash) implements FileEvent {
    }

    /** File {@code id} at {@code path} has a new head version. */
    record Versioned(long id, String path, long version, long size, String sha256, String author) implements FileEvent {
    }

    record TrashEmptied(int items) implements FileEvent {
    }
}
