package dev.concord.client.ui;

import dev.concord.protocol.files.FileEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The shared folder as a tree, built from the listings of its folders ({@code FileQuery.List}).
 * Children are sorted folders first, then documents and files by name.
 */
public final class FolderTree {
    private FolderTree() {
    }

    /** A folder, document or file; the root is the folder "/" with a null entry. */
    public record Node(String name, String path, String kind, FileEntry entry, List<Node> children) {
        public boolean isFolder() {
            return FileEntry.FOLDER.equals(kind);
        }

        public boolean isDocument() {
            return FileEntry.DOC.equals(kind);
        }

        public boolean isFile() {
            return FileEntry.FILE.equals(kind);
        }
    }

    /** {@code listings}: folder path → its entries; a folder without a listing shows empty. */
    public static Node build(Map<String, List<FileEntry>> listings) {
        return node("", "/", FileEntry.FOLDER, null, listings);
    }

    private static Node node(String name, String path, String kind, FileEntry entry, Map<String, List<FileEntry>> listings) {
        List<Node> children = new ArrayList<>();
        if (FileEntry.FOLDER.equals(kind)) {
            listings.getOrDefault(path, List.of()).stream()
                    .sorted(Comparator.comparing((FileEntry e) -> !FileEntry.FOLDER.equals(e.kind())).thenComparing(FileEntry::name))
                    .forEach(e -> children.add(node(e.name(), e.path(), e.kind(), e, listings)));
        }
        return new Node(name, path, kind, entry, List.copyOf(children));
    }

    /** The folder a new entry goes into when {@code selected} is selected: itself, or the folder it is in. */
    public static String folderOf(Node selected) {
        if (selected == null) {
            return "/";
        }
        if (selected.isFolder()) {
            return selected.path().endsWith("/") ? selected.path() : selected.path() + "/";
        }
        return selected.path().substring(0, selected.path().lastIndexOf('/') + 1);
    }

    /** "12 KiB", "3.4 MiB": a file size for people. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
