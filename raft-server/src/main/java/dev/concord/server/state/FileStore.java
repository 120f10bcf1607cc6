package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.files.FileVersion;
import dev.concord.protocol.files.UploadInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored shared-tree records as seen through one view (apply's pending view or a committed
 * snapshot), so apply and queries decode them the same way.
 *
 * <p>Bytes are stored once per upload, as a blob: its chunks live under {@code b/{blob}} and every
 * version made from it (the upload's own, and each restore of it) refers to it. The blob is deleted
 * with its last reference, and only then are its bytes uncharged.
 */
final class FileStore {
    /** File metadata under {@code F/{id}}; a trashed file keeps its versions until the trash is emptied. */
    record FileMeta(long id, String path, long head, long created, String createdBy, long modified, boolean trashed) {
        FileMeta at(String newPath, boolean nowTrashed) {
            return new FileMeta(id, newPath, head, created, createdBy, modified, nowTrashed);
        }

        FileMeta withHead(long version, long time) {
            return new FileMeta(id, path, version, created, createdBy, time, trashed);
        }
    }

    /** A kept version under {@code V/{file}{version}}. */
    record Version(long version, long blob, long size, String sha256, String author, long time, long index,
                   long restoredFrom) {
        FileVersion info() {
            return new FileVersion(version, size, sha256, author, time, index, restoredFrom);
        }
    }

    /** The bytes of one finished upload under {@code B/{id}}; {@code refs} counts the versions using it. */
    record Blob(long id, long size, String sha256, int chunks, String owner, int refs) {
        Blob withRefs(int n) {
            return new Blob(id, size, sha256, chunks, owner, n);
        }
    }

    /**
     * An unfinished upload under {@code U/{id}}: chunks 0..next-1 ({@code received} bytes) are stored
     * under {@code b/{id}}; its {@code size} is charged to {@code owner} from begin on.
     */
    record Upload(long id, String path, String owner, long size, String sha256, Long expect, int next, long received,
                  long started, long touched) {
        int chunks() {
            return dev.concord.protocol.files.FileOp.chunkCount(size);
        }

        Upload advanced(int bytes, long time) {
            return new Upload(id, path, owner, size, sha256, expect, next + 1, received + bytes, started, time);
        }

        UploadInfo info(long timeoutMs) {
            return new UploadInfo(id, path, owner, size, sha256, expect, next, chunks(), received, started, touched,
                    touched + timeoutMs);
        }
    }

    /** Folder metadata under {@code o/{id}}; the path is the namespace key, so a move rewrites nothing here. */
    record Folder(long id, long created, String createdBy) {
    }

    /**
     * A trash item under {@code t/{id}}: the entries that were at and below {@code path}, each with its
     * path relative to it ("" for the item itself; an implicit folder has no entry of its own).
     */
    record TrashItem(long id, String path, String kind, long deleted, String deletedBy, long bytes, List<Entry> entries) {
        TrashItem {
            entries = List.copyOf(entries);
        }

        record Entry(String rel, String kind, long id) {
        }
    }

    private final KvStore.Reader view;

    FileStore(KvStore.Reader view) {
        this.view = view;
    }

    KvStore.Reader view() {
        return view;
    }

    private <T> T get(byte[] key, Class<T> type) {
        byte[] v = view.get(key);
        return v == null ? null : Codec.decode(v, type);
    }

    FileMeta file(long id) {
        return get(Keys.file(id), FileMeta.class);
    }

    FileMeta requireFile(long id) {
        FileMeta m = file(id);
        if (m == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "file " + id + " does not exist (its trash was emptied?);"
                    + " list the folder with bin/concord file ls");
        }
        return m;
    }

    Version version(long file, long version) {
        return get(Keys.version(file, version), Version.class);
    }

    /** Kept versions of {@code file}, oldest first. */
    List<Version> versions(long file) {
        List<Version> out = new ArrayList<>();
        view.scan(Keys.version(file, 0), Keys.version(file, Long.MAX_VALUE), (k, v) -> {
            out.add(Codec.decode(v, Version.class));
            return true;
        });
        return out;
    }

    Blob blob(long id) {
        Blob b = get(Keys.blob(id), Blob.class);
        if (b == null) {
            throw corrupt("blob " + id + " is referenced but missing");
        }
        return b;
    }

    Upload upload(long id) {
        return get(Keys.upload(id), Upload.class);
    }

    Upload requireUpload(long id) {
        Upload u = upload(id);
        if (u == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "upload " + id + " does not exist: it was committed,"
                    + " aborted, or dropped after the upload timeout; start the upload again");
        }
        return u;
    }

    List<Upload> uploads() {
        List<Upload> out = new ArrayList<>();
        view.scan(Keys.UPLOADS_FROM, Keys.UPLOADS_TO, (k, v) -> {
            out.add(Codec.decode(v, Upload.class));
            return true;
        });
        return out;
    }

    Folder folder(long id) {
        return get(Keys.folder(id), Folder.class);
    }

    TrashItem trash(long id) {
        TrashItem t = get(Keys.trash(id), TrashItem.class);
        if (t == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "trash item " + id + " does not exist (restored or emptied?);"
                    + " list the trash with bin/concord file trash");
        }
        return t;
    }

    List<TrashItem> trash() {
        List<TrashItem> out = new ArrayList<>();
        view.scan(Keys.TRASH_FROM, Keys.TRASH_TO, (k, v) -> {
            out.add(Codec.decode(v, TrashItem.class));
            return true;
        });
        return out;
    }

    byte[] chunk(long blob, int chunk) {
        byte[] v = view.get(Keys.chunk(blob, chunk));
        if (v == null) {
            throw corrupt("chunk " + chunk + " of blob " + blob + " is missing");
        }
        return v;
    }

    long usage(String account) {
        return Keys.longOf(view.get(Keys.usage(account)), 0);
    }

    long clusterUsage() {
        return Keys.longOf(view.get(Keys.FILE_BYTES), 0);
    }

    static IllegalStateException corrupt(String what) {
        return new IllegalStateException(what + ": this node's state is damaged; remove its data dir and restart it"
                + " to recover from its peers");
    }
}
