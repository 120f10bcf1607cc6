package dev.concord.server.state;

import dev.concord.config.FileLimits;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Response;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FilePaths;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileVersion;
import dev.concord.protocol.files.TrashInfo;
import dev.concord.protocol.files.UploadInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared-tree queries for RPC threads; each answer comes from one committed view and carries its applied index. */
public final class FileReader {
    private final KvStore store;
    private final FileLimits limits;

    public FileReader(KvStore store, FileLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    public Response.File serve(FileQuery q) {
        q.validate();
        return store.readCommitted(r -> new Response.File(answer(r, q), Keys.longOf(r.get(Keys.APPLIED), 0)));
    }

    private FileReply answer(KvStore.Reader r, FileQuery q) {
        FileStore files = new FileStore(r);
        Tree tree = new Tree(r);
        if (q instanceof FileQuery.Read read) {
            return read(files, read);
        }
        if (q instanceof FileQuery.List l) {
            return list(r, tree, l.dir());
        }
        if (q instanceof FileQuery.Stat s) {
            Tree.Node n = require(tree, s.path());
            FileEntry e = describe(r, n);
            return new FileReply.Stat(e, FileEntry.FILE.equals(e.kind()) ? FileOp.chunkCount(e.size()) : 0);
        }
        if (q instanceof FileQuery.Versions v) {
            Tree.Node n = require(tree, v.path());
            if (!FileEntry.FILE.equals(n.kind())) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, v.path() + " is a " + n.kind()
                        + "; only files have versions" + (FileEntry.DOC.equals(n.kind()) ? " (see bin/concord doc history)" : ""));
            }
            FileStore.FileMeta m = files.requireFile(n.name().id());
            List<FileVersion> out = files.versions(m.id()).stream().map(FileStore.Version::info).toList();
            return new FileReply.Versions(m.id(), m.path(), m.head(), out);
        }
        if (q instanceof FileQuery.Upload u) {
            return new FileReply.Upload(files.requireUpload(u.upload()).info(limits.uploadTimeoutMs()));
        }
        if (q instanceof FileQuery.Uploads u) {
            List<UploadInfo> out = new ArrayList<>();
            for (FileStore.Upload up : files.uploads()) {
                if (u.path() == null || u.path().equals(up.path())) {
                    out.add(up.info(limits.uploadTimeoutMs()));
                }
            }
            return new FileReply.Uploads(out);
        }
        if (q instanceof FileQuery.Trash) {
            List<TrashInfo> out = files.trash().stream().map(t -> new TrashInfo(t.id(), t.path(), t.kind(),
                    t.entries().size(), t.bytes(), t.deleted(), t.deletedBy())).toList();
            return new FileReply.Trash(out);
        }
        if (q instanceof FileQuery.Usage u) {
            return new FileReply.Usage(u.account(), files.usage(u.account()), limits.userQuotaBytes(),
                    files.clusterUsage(), limits.clusterQuotaBytes());
        }
        throw new ConcordException(ErrorCode.BAD_REQUEST, "unknown file query " + q.getClass().getSimpleName());
    }

    private static FileReply read(FileStore files, FileQuery.Read q) {
        FileStore.FileMeta m = files.requireFile(q.id());
        FileStore.Version v = files.version(m.id(), q.version());
        if (v == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "version " + q.version() + " of " + m.path()
                    + " is no longer kept (the head is " + m.head() + "); download it again");
        }
        FileStore.Blob b = files.blob(v.blob());
        if (q.chunk() >= b.chunks()) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "version " + q.version() + " of " + m.path() + " has "
                    + b.chunks() + " chunks; chunk " + q.chunk() + " does not exist");
        }
        return new FileReply.Data(m.id(), v.version(), q.chunk(), b.chunks(), v.size(), v.sha256(),
                files.chunk(b.id(), q.chunk()));
    }

    /**
     * Direct children in key order. Entries deeper down reveal (implicit) folders: one is listed
     * once, and the scan then jumps past everything below it, so a listing costs one seek per child.
     */
    private static FileReply list(KvStore.Reader r, Tree tree, String dir) {
        if (!FilePaths.ROOT.equals(dir)) {
            Tree.Node n = require(tree, dir);
            if (!FileEntry.FOLDER.equals(n.kind())) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, dir + " is a " + n.kind() + ", not a folder;"
                        + " see it with bin/concord file versions " + dir);
            }
        }
        String prefix = FilePaths.childPrefix(dir);
        byte[] end = Keys.nameEnd(prefix);
        List<FileEntry> out = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        byte[][] from = {Keys.name(prefix)};
        boolean[] more = {false};
        while (from[0] != null && !more[0]) {
            byte[] start = from[0];
            from[0] = null;
            r.scan(start, end, (k, v) -> {
                if (out.size() == Limits.MAX_PAGE) {
                    more[0] = true;
                    return false;
                }
                String path = Tree.pathOf(k);
                int slash = path.indexOf('/', prefix.length());
                if (slash < 0) {
                    DocStore.Name name = Codec.decode(v, DocStore.Name.class);
                    if (FileEntry.FOLDER.equals(name.kind())) {
                        folders.add(path);
                    }
                    out.add(describe(r, new Tree.Node(path, name)));
                    return true;
                }
                String child = path.substring(0, slash);
                if (folders.add(child)) {
                    out.add(describe(r, new Tree.Node(child, null)));
                }
                from[0] = Keys.nameEnd(child + "/");
                return false;
            });
        }
        // Key order puts "x.txt" before the contents of folder "x" ('.' < '/'); a listing is in name order.
        out.sort((a, b) -> java.util.Arrays.compareUnsigned(a.name().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new FileReply.Listing(dir, out, more[0]);
    }

    private static Tree.Node require(Tree tree, String path) {
        Tree.Node n = tree.at(path);
        if (n == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "nothing at " + path + "; list its folder with bin/concord"
                    + " file ls " + FilePaths.parent(path));
        }
        return n;
    }

    static FileEntry describe(KvStore.Reader r, Tree.Node n) {
        String name = FilePaths.name(n.path());
        if (n.name() == null) {
            return new FileEntry(name, n.path(), FileEntry.FOLDER, 0, 0, 0, null, 0, null);
        }
        long id = n.name().id();
        if (FileEntry.FOLDER.equals(n.kind())) {
            FileStore.Folder f = new FileStore(r).folder(id);
            return new FileEntry(name, n.path(), FileEntry.FOLDER, id, 0, 0, f == null ? null : f.createdBy(),
                    f == null ? 0 : f.created(), null);
        }
        if (FileEntry.DOC.equals(n.kind())) {
            DocStore docs = new DocStore(r);
            DocStore.Meta m = docs.meta(id);
            String author = m.revision() == 0 ? m.createdBy() : docs.op(id, m.revision()).op().author();
            return new FileEntry(name, n.path(), FileEntry.DOC, id, m.length(), m.revision(), author, m.modified(), null);
        }
        FileStore files = new FileStore(r);
        FileStore.FileMeta m = files.requireFile(id);
        FileStore.Version v = files.version(id, m.head());
        return new FileEntry(name, n.path(), FileEntry.FILE, id, v.size(), v.version(), v.author(), v.time(), v.sha256());
    }
}
