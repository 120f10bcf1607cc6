package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FilePaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one namespace of folders, documents and files: {@code n/{path}} holds {@code {kind, id}}.
 *
 * <p>Invariants: one entry per path; nothing lies below a document or a file; a folder exists
 * explicitly (an entry of kind "folder", made by mkdir or as a missing parent) or implicitly (no
 * entry, but something lies below it, as documents created before folders existed). Every path
 * below a folder shares the key prefix {@code n/{folder}/}, so a subtree is one key range.
 */
final class Tree {
    /** An entry found in the namespace; {@code name} is null for an implicit folder. */
    record Node(String path, DocStore.Name name) {
        String kind() {
            return name == null ? FileEntry.FOLDER : name.kind();
        }
    }

    private final KvStore store;
    private final KvStore.Reader view;

    Tree(KvStore store) {
        this.store = store;
        this.view = DocStore.live(store).view();
    }

    /** A read-only tree over a committed view (for queries). */
    Tree(KvStore.Reader view) {
        this.store = null;
        this.view = view;
    }

    DocStore.Name name(String path) {
        byte[] v = view.get(Keys.name(path));
        return v == null ? null : Codec.decode(v, DocStore.Name.class);
    }

    /** The first path strictly inside {@code path}, or null when nothing lies below it. */
    String firstInside(String path) {
        String[] found = {null};
        view.scan(Keys.name(path + "/"), Keys.nameEnd(path + "/"), (k, v) -> {
            found[0] = pathOf(k);
            return false;
        });
        return found[0];
    }

    /** What is at {@code path}: its entry, an implicit folder, or null when nothing is there. */
    Node at(String path) {
        DocStore.Name n = name(path);
        if (n != null) {
            return new Node(path, n);
        }
        return firstInside(path) != null ? new Node(path, null) : null;
    }

    /**
     * Throws CONFLICT unless a new entry may be placed at {@code path}: nothing is there (no entry, no
     * implicit folder) and no folder above it is a document or a file.
     */
    void requireFree(String path) {
        requireFolderAncestors(path);
        DocStore.Name n = name(path);
        if (n != null) {
            throw new ConcordException(ErrorCode.CONFLICT, path + " already exists (a " + n.kind()
                    + "); pick another path, or move or delete what is there first");
        }
        String inside = firstInside(path);
        if (inside != null) {
            throw new ConcordException(ErrorCode.CONFLICT, path + " already exists (a folder holding " + inside
                    + "); pick another path");
        }
    }

    /** Throws CONFLICT when a folder above {@code path} is a document or a file. */
    void requireFolderAncestors(String path) {
        for (String a : FilePaths.ancestors(path)) {
            DocStore.Name n = name(a);
            if (n != null && !FileEntry.FOLDER.equals(n.kind())) {
                throw new ConcordException(ErrorCode.CONFLICT, a + " is a " + n.kind() + ", so " + path
                        + " cannot be inside it; pick another path");
            }
        }
    }

    /** Creates explicit folders for the missing ancestors of {@code path}, outermost first; returns their paths. */
    List<String> makeParents(String path, long now, String author) {
        List<String> made = new ArrayList<>();
        for (String a : FilePaths.ancestors(path)) {
            if (name(a) == null) {
                makeFolder(a, now, author);
                made.add(a);
            }
        }
        return made;
    }

    void makeFolder(String path, long now, String author) {
        long id = Keys.longOf(store.get(Keys.FOLDER_SEQ), 0) + 1;
        store.put(Keys.FOLDER_SEQ, Keys.longValue(id));
        store.put(Keys.folder(id), Codec.encode(new FileStore.Folder(id, now, author)));
        put(path, new DocStore.Name(FileEntry.FOLDER, id));
    }

    void put(String path, DocStore.Name name) {
        store.put(Keys.name(path), Codec.encode(name));
    }

    void remove(String path) {
        store.delete(Keys.name(path));
    }

    /**
     * The entry at {@code path} (when it has one) followed by every entry below it, in key order;
     * NOT_FOUND when nothing is there, TOO_LARGE past {@link Limits#MAX_TREE_ENTRIES}.
     */
    List<Node> subtree(String path) {
        List<Node> out = new ArrayList<>();
        DocStore.Name root = name(path);
        if (root != null) {
            out.add(new Node(path, root));
        }
        if (root == null || FileEntry.FOLDER.equals(root.kind())) {
            view.scan(Keys.name(path + "/"), Keys.nameEnd(path + "/"), (k, v) -> {
                out.add(new Node(pathOf(k), Codec.decode(v, DocStore.Name.class)));
                return out.size() <= Limits.MAX_TREE_ENTRIES;
            });
        }
        if (out.isEmpty()) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "nothing at " + path + "; list its folder with bin/concord"
                    + " file ls " + FilePaths.parent(path));
        }
        if (out.size() > Limits.MAX_TREE_ENTRIES) {
            throw new ConcordException(ErrorCode.TOO_LARGE, path + " holds more than " + Limits.MAX_TREE_ENTRIES
                    + " entries, too many for one step; move or delete its subfolders one by one");
        }
        return out;
    }

    static String pathOf(byte[] nameKey) {
        return new String(nameKey, 2, nameKey.length - 2, StandardCharsets.UTF_8);
    }
}
