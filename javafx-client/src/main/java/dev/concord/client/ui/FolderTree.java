package dev.concord.client.ui;

import dev.concord.protocol.DocInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared folder as a tree, built from document paths: folders are the paths' prefixes (a
 * folder exists while something is in it). Children are sorted folders first, then by name.
 */
public final class FolderTree {
    private FolderTree() {
    }

    /** A folder ({@code doc} null) or a document. {@code path} of the root is "/". */
    public record Node(String name, String path, DocInfo doc, List<Node> children) {
        public boolean isFolder() {
            return doc == null;
        }
    }

    public static Node build(List<DocInfo> docs) {
        Builder root = new Builder("", "/", null);
        for (DocInfo d : docs) {
            String[] parts = d.path().substring(1).split("/");
            Builder at = root;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                path.append('/').append(parts[i]);
                String p = path.toString();
                String name = parts[i];
                at = at.folders.computeIfAbsent(name, n -> new Builder(name, p, null));
            }
            at.docs.add(new Builder(parts[parts.length - 1], d.path(), d));
        }
        return root.build();
    }

    /** The folder a new document goes into when {@code selected} is selected: itself, or a document's folder. */
    public static String folderOf(Node selected) {
        if (selected == null) {
            return "/";
        }
        if (selected.isFolder()) {
            return selected.path().endsWith("/") ? selected.path() : selected.path() + "/";
        }
        return selected.path().substring(0, selected.path().lastIndexOf('/') + 1);
    }

    private static final class Builder {
        final String name;
        final String path;
        final DocInfo doc;
        final Map<String, Builder> folders = new TreeMap<>();
        final List<Builder> docs = new ArrayList<>();

        Builder(String name, String path, DocInfo doc) {
            this.name = name;
            this.path = path;
            this.doc = doc;
        }

        Node build() {
            List<Node> children = new ArrayList<>();
            folders.values().forEach(f -> children.add(f.build()));
            docs.stream().sorted(Comparator.comparing(b -> b.name)).forEach(b -> children.add(b.build()));
            return new Node(name, path, doc, List.copyOf(children));
        }
    }
}
