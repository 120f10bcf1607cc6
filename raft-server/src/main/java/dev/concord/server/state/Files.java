package dev.concord.server.state;

import dev.concord.config.FileLimits;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileEvent;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileResult;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Applies uploads and version restores; folder, move and trash writes go to {@link Folders}.
 * <pre>
 *   Begin ──► U/{id} (quota charged) ──Chunk 0..n-1, strictly in order──► Commit ──► V/{file}{v} → B/{id}
 *                    └──── Abort, a failed commit, or no chunk for upload_timeout_s ──► chunks deleted, quota released
 * </pre>
 * Nothing of an upload is visible before its commit entry. The SHA-256 is computed as chunks are
 * applied ({@link UploadDigests}) and compared at commit; a mismatch drops the upload.
 */
final class Files {
    /** An upload sweep runs once this many log indexes have passed since the last one. */
    static final long SWEEP_EVERY = 256;

    private final KvStore store;
    private final FileStore files;
    private final Tree tree;
    private final Folders folders;
    private final FileLimits limits;
    private final UploadDigests digests = new UploadDigests();
    private final Quotas quotas;

    Files(KvStore store, FileLimits limits) {
        this.store = store;
        this.files = new FileStore(DocStore.live(store).view());
        this.tree = new Tree(store);
        this.limits = limits;
        this.quotas = new Quotas(store, files, limits);
        this.folders = new Folders(store, files, tree, this);
    }

    static boolean handles(Write op) {
        return op instanceof Write.File;
    }

    /**
     * Whom a write is attributed and charged to: the declared author, else the client id. When
     * accounts land, the session's user name goes here and the declared author is ignored.
     */
    static String account(Command cmd, String author) {
        return author != null ? author : cmd.clientId();
    }

    Result execute(Command cmd, long index, long now, List<Event> events) {
        FileOp op = ((Write.File) cmd.op()).op();
        if (op instanceof FileOp.Chunk c) {
            return new Result.File(chunk(c, now), index);
        }
        if (op instanceof FileOp.Begin b) {
            return new Result.File(begin(cmd, b, now), index);
        }
        if (op instanceof FileOp.Commit c) {
            return commit(cmd, c, index, now, events);
        }
        if (op instanceof FileOp.Abort a) {
            drop(files.requireUpload(a.upload()));
            return new Result.File(new FileResult.Aborted(a.upload()), index);
        }
        if (op instanceof FileOp.RestoreVersion r) {
            return new Result.File(restore(cmd, r, index, now, events), index);
        }
        return new Result.File(folders.execute(cmd, op, index, now, events), index);
    }

    private FileResult begin(Command cmd, FileOp.Begin b, long now) {
        String owner = account(cmd, b.author());
        target(b.path(), b.expect());
        quotas.charge(owner, b.size());
        long id = Keys.longOf(store.get(Keys.BLOB_SEQ), 0) + 1;
        store.put(Keys.BLOB_SEQ, Keys.longValue(id));
        putUpload(new FileStore.Upload(id, b.path(), owner, b.size(), b.sha256(), b.expect(), 0, 0, now, now));
        return new FileResult.UploadStarted(id, Limits.FILE_CHUNK_BYTES, b.chunks());
    }

    private FileResult chunk(FileOp.Chunk c, long now) {
        FileStore.Upload u = files.requireUpload(c.upload());
        if (c.index() < u.next()) {
            // A resend of a stored chunk (a retry under a new seq): the stored bytes stand.
            return new FileResult.ChunkStored(u.id(), u.next(), u.received());
        }
        long expected = Math.min(Limits.FILE_CHUNK_BYTES, u.size() - u.received());
        if (c.index() > u.next() || expected == 0) {
            throw new ConcordException(ErrorCode.CONFLICT, "upload " + u.id() + " expects chunk " + u.next()
                    + " of " + u.chunks() + ", got chunk " + c.index() + "; ask the upload's state and resume from there");
        }
        if (c.data().length != expected) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "chunk " + c.index() + " of upload " + u.id() + " has "
                    + c.data().length + " bytes but must have " + expected + " (every chunk but the last holds "
                    + Limits.FILE_CHUNK_BYTES + ")");
        }
        MessageDigest md = digests.take(u, files);
        store.put(Keys.chunk(u.id(), c.index()), c.data());
        md.update(c.data());
        FileStore.Upload next = u.advanced(c.data().length, now);
        putUpload(next);
        digests.keep(u.id(), next.next(), md);
        return new FileResult.ChunkStored(u.id(), next.next(), next.received());
    }

    /**
     * A commit that cannot succeed (checksum mismatch, the path taken or changed meanwhile) drops the
     * upload and answers a rejection built here, not thrown: a thrown rejection would roll the drop back.
     */
    private Result commit(Command cmd, FileOp.Commit c, long index, long now, List<Event> events) {
        FileStore.Upload u = files.requireUpload(c.upload());
        if (u.received() < u.size()) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "upload " + u.id() + " has " + u.received() + " of "
                    + u.size() + " bytes; send chunk " + u.next() + " of " + u.chunks() + " onward, then commit");
        }
        String sha = HexFormat.of().formatHex(digests.take(u, files).digest());
        digests.forget(u.id());
        if (!sha.equals(u.sha256())) {
            drop(u);
            return new Result.Rejected(ErrorCode.BAD_REQUEST, "the uploaded bytes of " + u.path() + " have SHA-256 " + sha
                    + " but the upload declared " + u.sha256() + ": the local file changed while it was read, or"
                    + " bytes were damaged; the upload was dropped, upload the file again", index);
        }
        FileStore.FileMeta m;
        try {
            m = target(u.path(), u.expect());
        } catch (ConcordException e) {
            drop(u);
            return new Result.Rejected(e.code(), e.getMessage() + " (the upload was dropped)", index);
        }
        store.delete(Keys.upload(u.id()));
        store.put(Keys.blob(u.id()), Codec.encode(new FileStore.Blob(u.id(), u.size(), u.sha256(), u.chunks(), u.owner(), 1)));
        FileStore.Version v = new FileStore.Version(m == null ? 1 : m.head() + 1, u.id(), u.size(), u.sha256(), u.owner(),
                now, index, 0);
        return new Result.File(addVersion(cmd, m, u.path(), v, now, index, events), index);
    }

    private FileResult restore(Command cmd, FileOp.RestoreVersion r, long index, long now, List<Event> events) {
        DocStore.Name n = tree.name(r.path());
        if (n == null || !FileEntry.FILE.equals(n.kind())) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "no file at " + r.path() + "; list the folder with"
                    + " bin/concord file ls");
        }
        FileStore.FileMeta m = files.requireFile(n.id());
        FileStore.Version old = files.version(m.id(), r.version());
        if (old == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "version " + r.version() + " of " + r.path()
                    + " is not kept (the head is " + m.head() + ", " + limits.versionsKept()
                    + " versions are kept); list them with bin/concord file versions " + r.path());
        }
        FileStore.Blob blob = files.blob(old.blob());
        store.put(Keys.blob(blob.id()), Codec.encode(blob.withRefs(blob.refs() + 1)));
        FileStore.Version v = new FileStore.Version(m.head() + 1, old.blob(), old.size(), old.sha256(),
                account(cmd, r.author()), now, index, old.version());
        return addVersion(cmd, m, r.path(), v, now, index, events);
    }

    /** Makes {@code v} the head of file {@code m} (a new file at {@code path} when null) and prunes old versions. */
    private FileResult addVersion(Command cmd, FileStore.FileMeta m, String path, FileStore.Version v, long now,
                                  long index, List<Event> events) {
        if (m == null) {
            for (String made : tree.makeParents(path, now, v.author())) {
                events.add(event(cmd, index, now, new FileEvent.FolderCreated(made)));
            }
            long id = Keys.longOf(store.get(Keys.FILE_SEQ), 0) + 1;
            store.put(Keys.FILE_SEQ, Keys.longValue(id));
            tree.put(path, new DocStore.Name(FileEntry.FILE, id));
            m = new FileStore.FileMeta(id, path, 0, now, v.author(), now, false);
        }
        store.put(Keys.version(m.id(), v.version()), Codec.encode(v));
        store.put(Keys.file(m.id()), Codec.encode(m.withHead(v.version(), now)));
        for (FileStore.Version old : files.versions(m.id())) {
            if (old.version() > v.version() - limits.versionsKept()) {
                break;
            }
            store.delete(Keys.version(m.id(), old.version()));
            release(old.blob());
        }
        events.add(event(cmd, index, now, new FileEvent.Versioned(m.id(), path, v.version(), v.size(), v.sha256(), v.author())));
        return new FileResult.Committed(m.id(), path, v.version(), v.size(), v.sha256());
    }

    /**
     * Checks that an upload may land at {@code path} with expected version {@code expect}; returns
     * the file there (null when the path is free). CONFLICT otherwise.
     */
    private FileStore.FileMeta target(String path, Long expect) {
        tree.requireFolderAncestors(path);
        DocStore.Name n = tree.name(path);
        if (n == null) {
            String inside = tree.firstInside(path);
            if (inside != null) {
                throw new ConcordException(ErrorCode.CONFLICT, path + " is a folder (it holds " + inside
                        + "); upload to a path inside it or pick another path");
            }
            if (expect != null && expect > 0) {
                throw new ConcordException(ErrorCode.CONFLICT, "no file at " + path + " but version " + expect
                        + " was expected: someone moved or deleted it; check bin/concord file ls "
                        + dev.concord.protocol.files.FilePaths.parent(path));
            }
            return null;
        }
        if (!FileEntry.FILE.equals(n.kind())) {
            throw new ConcordException(ErrorCode.CONFLICT, path + " is a " + n.kind() + ", not a file; pick another path");
        }
        FileStore.FileMeta m = files.requireFile(n.id());
        if (expect != null && expect != m.head()) {
            throw new ConcordException(ErrorCode.CONFLICT, path + " is at version " + m.head() + ", not " + expect
                    + (expect == 0 ? " (0 means it must not exist)" : "") + ": someone else wrote it; get it, merge,"
                    + " and put again with --expect " + m.head());
        }
        return m;
    }

    /** Drops one reference to a blob; deletes it and uncharges its bytes with the last. Returns the bytes freed. */
    long release(long blobId) {
        FileStore.Blob b = files.blob(blobId);
        if (b.refs() > 1) {
            store.put(Keys.blob(blobId), Codec.encode(b.withRefs(b.refs() - 1)));
            return 0;
        }
        for (int i = 0; i < b.chunks(); i++) {
            store.delete(Keys.chunk(blobId, i));
        }
        store.delete(Keys.blob(blobId));
        quotas.add(b.owner(), -b.size());
        return b.size();
    }

    /** Deletes an unfinished upload and its chunks and releases its charge. */
    private void drop(FileStore.Upload u) {
        for (int i = 0; i < u.next(); i++) {
            store.delete(Keys.chunk(u.id(), i));
        }
        store.delete(Keys.upload(u.id()));
        quotas.add(u.owner(), -u.size());
        digests.forget(u.id());
    }

    /**
     * Drops uploads idle for longer than the upload timeout at leader time {@code now}. Runs once
     * {@link #SWEEP_EVERY} indexes have passed since the last sweep (counted from the stored mark,
     * so an index the log used for a configuration entry cannot skip it): every node sweeps at the
     * same entry.
     */
    void maybeSweep(long index, long now) {
        long last = Keys.longOf(store.get(Keys.UPLOAD_SWEEP), 0);
        if (index - last < SWEEP_EVERY) {
            return;
        }
        store.put(Keys.UPLOAD_SWEEP, Keys.longValue(index));
        for (FileStore.Upload u : files.uploads()) {
            if (u.touched() < now - limits.uploadTimeoutMs()) {
                drop(u);
            }
        }
    }

    private void putUpload(FileStore.Upload u) {
        store.put(Keys.upload(u.id()), Codec.encode(u));
    }

    static Event event(Command cmd, long index, long now, FileEvent change) {
        return new Event(index, cmd.clientId(), cmd.seq(), now, new Event.File(change));
    }
}
