package dev.concord.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.files.FileEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FolderTreeTest {
    private static FileEntry entry(String path, String kind) {
        return new FileEntry(path.substring(path.lastIndexOf('/') + 1), path, kind, 1, 2048, 1, "alice", 0, null);
    }

    /** Folders come first, then documents and files, each sorted by name; listings nest by path. */
    @Test
    void foldersFirstThenEntriesSortedByName() {
        FolderTree.Node root = FolderTree.build(Map.of(
                "/", List.of(entry("/z.txt", FileEntry.DOC), entry("/notes", FileEntry.FOLDER), entry("/a.png", FileEntry.FILE),
                        entry("/design", FileEntry.FOLDER)),
                "/notes", List.of(entry("/notes/b.md", FileEntry.DOC), entry("/notes/deep", FileEntry.FOLDER),
                        entry("/notes/a.md", FileEntry.DOC)),
                "/notes/deep", List.of(entry("/notes/deep/x.bin", FileEntry.FILE))));
        assertThat(root.children()).extracting(FolderTree.Node::name).containsExactly("design", "notes", "a.png", "z.txt");
        FolderTree.Node notes = root.children().get(1);
        assertThat(notes.isFolder()).isTrue();
        assertThat(notes.path()).isEqualTo("/notes");
        assertThat(notes.children()).extracting(FolderTree.Node::name).containsExactly("deep", "a.md", "b.md");
        FolderTree.Node x = notes.children().get(0).children().get(0);
        assertThat(x.isFile()).isTrue();
        assertThat(x.entry().path()).isEqualTo("/notes/deep/x.bin");
        assertThat(root.children().get(0).children()).isEmpty(); // a folder whose listing is missing shows empty
    }

    @Test
    void newEntriesGoIntoTheSelectedFolderOrTheSelectedEntrysFolder() {
        FolderTree.Node root = FolderTree.build(Map.of("/", List.of(entry("/notes", FileEntry.FOLDER)),
                "/notes", List.of(entry("/notes/b.md", FileEntry.DOC))));
        FolderTree.Node notes = root.children().get(0);
        assertThat(FolderTree.folderOf(null)).isEqualTo("/");
        assertThat(FolderTree.folderOf(notes)).isEqualTo("/notes/");
        assertThat(FolderTree.folderOf(notes.children().get(0))).isEqualTo("/notes/");
    }

    @Test
    void sizesForPeople() {
        assertThat(FolderTree.size(900)).isEqualTo("900 B");
        assertThat(FolderTree.size(2048)).isEqualTo("2 KiB");
        assertThat(FolderTree.size(5 * 1024 * 1024 + 400_000)).isEqualTo("5.4 MiB");
    }
}
