package dev.concord.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.DocInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class FolderTreeTest {
    private static DocInfo doc(String path) {
        return new DocInfo(path.length(), path, 0, 0, 0, 0);
    }

    /** Folders come from the paths' prefixes, before documents, each level sorted by name. */
    @Test
    void foldersFirstThenDocumentsSortedByName() {
        FolderTree.Node root = FolderTree.build(List.of(doc("/z.txt"), doc("/notes/b.md"), doc("/a.txt"),
                doc("/notes/deep/x.txt"), doc("/notes/a.md"), doc("/design/raft.md")));
        assertThat(root.children()).extracting(FolderTree.Node::name).containsExactly("design", "notes", "a.txt", "z.txt");
        FolderTree.Node notes = root.children().get(1);
        assertThat(notes.isFolder()).isTrue();
        assertThat(notes.path()).isEqualTo("/notes");
        assertThat(notes.children()).extracting(FolderTree.Node::name).containsExactly("deep", "a.md", "b.md");
        assertThat(notes.children().get(0).children().get(0).doc().path()).isEqualTo("/notes/deep/x.txt");
    }

    @Test
    void newDocumentsGoIntoTheSelectedFolderOrTheSelectedDocumentsFolder() {
        FolderTree.Node root = FolderTree.build(List.of(doc("/notes/b.md")));
        FolderTree.Node notes = root.children().get(0);
        assertThat(FolderTree.folderOf(null)).isEqualTo("/");
        assertThat(FolderTree.folderOf(notes)).isEqualTo("/notes/");
        assertThat(FolderTree.folderOf(notes.children().get(0))).isEqualTo("/notes/");
    }

    @Test
    void emptyListIsAnEmptyRoot() {
        assertThat(FolderTree.build(List.of()).children()).isEmpty();
    }
}
