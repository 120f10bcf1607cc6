package dev.concord.protocol.files;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.concord.protocol.Payloads;
import java.util.Arrays;
import java.util.Objects;

/** Answers to {@link FileQuery}s, carried in {@link dev.concord.protocol.Response.File}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileReply.Listing.class, name = "listing"),
    @JsonSubTypes.Type(value = FileReply.Stat.class, name = "stat"),
    @JsonSubTypes.Type(value = FileReply.Versions.class, name = "versions"),
    @JsonSubTypes.Type(value = FileReply.Data.class, name = "data"),
    @JsonSubTypes.Type(value = FileReply.Upload.class, name = "upload"),
    @JsonSubTypes.Type(value = FileReply.Uploads.class, name = "uploads"),
    @JsonSubTypes.Type(value = FileReply.Trash.class, name = "trash"),
    @JsonSubTypes.Type(value = FileReply.Usage.class, name = "usage"),
})
public sealed interface FileReply {

    /** Entries of {@code dir} in name order; {@code more} when the page stopped at {@link dev.concord.protocol.Limits#MAX_PAGE}. */
    record Listing(String dir, java.util.List<FileEntry> entries, boolean more) implements FileReply {
        public Listing {
            entries = java.util.List.copyOf(entries);
        }
    }

    /** One entry; for a file, {@code chunks} is the number of chunks of its head version. */
    record Stat(FileEntry entry, int chunks) implements FileReply {
    }

    /** Kept versions of file {@code id}, oldest first; {@code head} is the current one. */
    record Versions(long id, String path, long head, java.util.List<FileVersion> versions) implements FileReply {
        public Versions {
            versions = java.util.List.copyOf(versions);
        }
    }

    /** Chunk {@code chunk} of {@code chunks} of a version; the bytes travel outside the JSON. */
    record Data(long id, long version, int chunk, int chunks, long size, String sha256,
                @JsonSerialize(using = Payloads.Out.class) @JsonDeserialize(using = Payloads.In.class) byte[] data)
            implements FileReply {
        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.id == id && d.version == version && d.chunk == chunk && d.chunks == chunks
                    && d.size == size && Objects.equals(d.sha256, sha256) && Arrays.equals(d.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, version, chunk, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Data[id=" + id + ", version=" + version + ", chunk=" + chunk + "/" + chunks + ", bytes="
                    + (data == null ? 0 : data.length) + "]";
        }
    }

    /** One unfinished upload. */
    record Upload(UploadInfo upload) implements FileReply {
    }

    /** Unfinished uploads, by id. */
    record Uploads(java.util.List<UploadInfo> uploads) implements FileReply {
        public Uploads {
            uploads = java.util.List.copyOf(uploads);
        }
    }

    /** Trash items, oldest first. */
    record Trash(java.util.List<TrashInfo> items) implements FileReply {
        public Trash {
            items = java.util.List.copyOf(items);
        }
    }

    /**
     * Bytes charged to {@code account} and to the cluster (kept versions, trash and unfinished
     * uploads), with the quotas from cluster.conf.
     */
    record Usage(String account, long used, long quota, long clusterUsed, long clusterQuota) implements FileReply {
    }
}
