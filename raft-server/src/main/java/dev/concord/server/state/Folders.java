package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileEvent;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FilePaths;
import dev.concord.protocol.files.FileResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folders, moves and the trash. A move or delete takes the whole subtree in one entry: every
 * namespace key below the path is rewritten (documents and files keep their ids, history and
 * versions), and each document moved, trashed or restored also gets its document event, so open
 * document sessions follow.
 *
 * <p>A trashed document is marked deleted (as {@code doc.delete} does) and a trashed file is marked
 * trashed; both keep their data and stay charged until the trash is emptied. Emptying deletes file
 * versions and their bytes; documents keep their history, as after {@code doc.delete}.
 */
final class Folders {
    private final KvStore store;
    private final FileStore files;
    private final DocStore docs;
    private final Tree tree;
    private final Files owner;

    Folders(KvStore store, FileStore files, Tree tree, Files owner) {
        this.store = store;
        this.files = files;
        this.docs = DocStore.live(store);
        this.tree = tree;
        this.owner = owner;
    }

    FileResult execute(Command cmd, FileOp op, long index, long now, List<Event> events) {
        if (op instanceof FileOp.MakeFolder f) {
            return makeFolder(cmd, f, index, now, events);
        }
        if (op instanceof FileOp.Move m) {
            return move(cmd, m, index, now, events);
        }
        if (op instanceof FileOp.Delete d) {
            return delete(cmd, d, index, now, events);
        }
        if (op instanceof FileOp.RestoreTrash r) {
            return restore(cmd, r, index, now, events);
        }
        if (op instanceof FileOp.EmptyTrash e) {
            return empty(cmd, e, index, now, events);
        }
        throw new ConcordException(ErrorCode.BAD_REQUEST, "unknown file write " + op.getClass().getSimpleName());
    }

    private FileResult makeFolder(Command cmd, FileOp.MakeFolder f, long index, long now, List<Event> events) {
        tree.requireFree(f.path());
        String author = Files.account(cmd, f.author());
        List<String> made = new ArrayList<>(tree.makeParents(f.path(), now, author));
        tree.makeFolder(f.path(), now, author);
        made.add(f.path());
        made.forEach(p -> events.add(Files.event(cmd, index, now, new FileEvent.FolderCreated(p))));
        return new FileResult.FolderCreated(f.path(), made);
    }

    private FileResult move(Command cmd, FileOp.Move m, long index, long now, List<Event> events) {
        if (m.to().equals(m.path())) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, m.path() + " is already there; give a different new path");
        }
        if (FilePaths.inside(m.to(), m.path())) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "cannot move " + m.path() + " into itself (" + m.to()
                    + "); pick a path outside it");
        }
        List<Tree.Node> nodes = tree.subtree(m.path());
        tree.requireFree(m.to());
        for (String made : tree.makeParents(m.to(), now, cmd.clientId())) {
            events.add(Files.event(cmd, index, now, new FileEvent.FolderCreated(made)));
        }
        for (Tree.Node n : nodes) {
            String to = FilePaths.rebase(n.path(), m.path(), m.to());
            tree.remove(n.path());
            tree.put(to, n.name());
            if (FileEntry.DOC.equals(n.kind())) {
                DocStore.Meta meta = docs.meta(n.name().id());
                store.put(Keys.docMeta(meta.id()), Codec.encode(meta.withPath(to)));
                events.add(new Event(index, cmd.clientId(), cmd.seq(), now, new Event.DocRenamed(meta.id(), n.path(), to)));
            } else if (FileEntry.FILE.equals(n.kind())) {
                FileStore.FileMeta meta = files.requireFile(n.name().id());
                store.put(Keys.file(meta.id()), Codec.encode(meta.at(to, false)));
            }
        }
        String kind = nodes.get(0).path().equals(m.path()) ? nodes.get(0).kind() : FileEntry.FOLDER;
        events.add(Files.event(cmd, index, now, new FileEvent.Moved(kind, m.path(), m.to())));
        return new FileResult.Moved(kind, m.path(), m.to(), nodes.size());
    }

    private FileResult delete(Command cmd, FileOp.Delete d, long index, long now, List<Event> events) {
        List<Tree.Node> nodes = tree.subtree(d.path());
        long id = Keys.longOf(store.get(Keys.TRASH_SEQ), 0) + 1;
        store.put(Keys.TRASH_SEQ, Keys.longValue(id));
        List<FileStore.TrashItem.Entry> entries = new ArrayList<>();
        Set<Long> blobs = new HashSet<>();
        long bytes = 0;
        for (Tree.Node n : nodes) {
            tree.remove(n.path());
            String rel = n.path().substring(d.path().length());
            entries.add(new FileStore.TrashItem.Entry(rel, n.kind(), n.name().id()));
            if (FileEntry.DOC.equals(n.kind())) {
                DocStore.Meta meta = docs.meta(n.name().id());
                store.put(Keys.docMeta(meta.id()), Codec.encode(meta.asDeleted()));
                events.add(new Event(index, cmd.clientId(), cmd.seq(), now, new Event.DocDeleted(meta.id(), n.path())));
            } else if (FileEntry.FILE.equals(n.kind())) {
                FileStore.FileMeta meta = files.requireFile(n.name().id());
                store.put(Keys.file(meta.id()), Codec.encode(meta.at(meta.path(), true)));
                for (FileStore.Version v : files.versions(meta.id())) {
                    if (blobs.add(v.blob())) {
                        bytes += v.size();
                    }
                }
            }
        }
        String kind = nodes.get(0).path().equals(d.path()) ? nodes.get(0).kind() : FileEntry.FOLDER;
        store.put(Keys.trash(id), Codec.encode(new FileStore.TrashItem(id, d.path(), kind, now,
                Files.account(cmd, d.author()), bytes, entries)));
        events.add(Files.event(cmd, index, now, new FileEvent.Trashed(kind, d.path(), id)));
        return new FileResult.Trashed(kind, d.path(), id, nodes.size());
    }

    private FileResult restore(Command cmd, FileOp.RestoreTrash r, long index, long now, List<Event> events) {
        FileStore.TrashItem item = files.trash(r.trash());
        String target = r.to() != null ? r.to() : item.path();
        try {
            tree.requireFree(target);
        } catch (ConcordException e) {
            throw new ConcordException(e.code(), e.getMessage() + "; or restore it elsewhere with --to PATH");
        }
        for (String made : tree.makeParents(target, now, cmd.clientId())) {
            events.add(Files.event(cmd, index, now, new FileEvent.FolderCreated(made)));
        }
        for (FileStore.TrashItem.Entry e : item.entries()) {
            String path = target + e.rel();
            tree.put(path, new DocStore.Name(e.kind(), e.id()));
            if (FileEntry.DOC.equals(e.kind())) {
                DocStore.Meta m = docs.meta(e.id());
                store.put(Keys.docMeta(m.id()), Codec.encode(new DocStore.Meta(m.id(), path, m.revision(), m.length(),
                        m.created(), m.createdBy(), m.modified(), m.checkpoint(), m.sinceCheckpoint(), m.pairs(), false)));
                events.add(new Event(index, cmd.clientId(), cmd.seq(), now, new Event.DocCreated(m.id(), path)));
            } else if (FileEntry.FILE.equals(e.kind())) {
                FileStore.FileMeta m = files.requireFile(e.id());
                store.put(Keys.file(m.id()), Codec.encode(m.at(path, false)));
            }
        }
        store.delete(Keys.trash(item.id()));
        events.add(Files.event(cmd, index, now, new FileEvent.Restored(item.kind(), target, item.id())));
        return new FileResult.Restored(item.id(), item.kind(), target);
    }

    private FileResult empty(Command cmd, FileOp.EmptyTrash e, long index, long now, List<Event> events) {
        List<FileStore.TrashItem> items = e.trash() == 0 ? files.trash() : List.of(files.trash(e.trash()));
        long freed = 0;
        for (FileStore.TrashItem item : items) {
            for (FileStore.TrashItem.Entry entry : item.entries()) {
                if (FileEntry.FILE.equals(entry.kind())) {
                    for (FileStore.Version v : files.versions(entry.id())) {
                        store.delete(Keys.version(entry.id(), v.version()));
                        freed += owner.release(v.blob());
                    }
                    store.delete(Keys.file(entry.id()));
                } else if (FileEntry.FOLDER.equals(entry.kind())) {
                    store.delete(Keys.folder(entry.id()));
                }
            }
            store.delete(Keys.trash(item.id()));
        }
        if (!items.isEmpty()) {
            events.add(Files.event(cmd, index, now, new FileEvent.TrashEmptied(items.size())));
        }
        return new FileResult.TrashEmptied(items.size(), freed);
    }
}
