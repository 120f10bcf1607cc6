package dev.concord.client.ui;

import dev.concord.protocol.files.FileEntry;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The shared folder on the left: folders, documents and files, a toolbar for new document or
 * folder, upload, download, rename or move, and delete (to the trash); Enter or double-click opens
 * a document or downloads a file. Rebuilding after a refresh keeps what was expanded and
 * selected (by path), so the feed can refresh it at any time under the user's hands.
 */
public final class FolderView extends BorderPane {
    private final FolderViewModel model;
    private final TreeView<FolderTree.Node> tree = new TreeView<>();
    private final Consumer<String> open;
    private final Set<String> collapsed = new HashSet<>();

    public FolderView(FolderViewModel model, Consumer<String> open) {
        this.model = model;
        this.open = open;
        getStyleClass().add("folder-view");
        Label title = new Label("Shared folder");
        title.getStyleClass().add("text-bold");
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        MenuItem newDoc = new MenuItem("New document…  (Ctrl+N)");
        newDoc.setOnAction(e -> newDocument());
        MenuItem newFolder = new MenuItem("New folder…");
        newFolder.setOnAction(e -> newFolder());
        MenuItem upload = new MenuItem("Upload a file…");
        upload.setOnAction(e -> upload());
        MenuButton add = new MenuButton("+", null, newDoc, newFolder, upload);
        add.setId("folder-new");
        add.getStyleClass().addAll("flat", "small", "no-arrow");
        add.setTooltip(new Tooltip("New document, new folder, upload"));
        HBox bar = new HBox(4, title, grow, add,
                tool("↓", "folder-download", "Download to this computer", this::downloadSelected),
                tool("✎", "folder-rename", "Rename or move (F2)", this::renameSelected),
                tool("✕", "folder-delete", "Move to the trash (Delete)", this::deleteSelected),
                tool("⟳", "folder-refresh", "Refresh (F5)", model::refresh));
        bar.setPadding(new Insets(6, 6, 4, 8));
        setTop(bar);

        tree.setId("folder-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(FolderTree.Node n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.isFolder() ? n.name() + "/"
                        : n.isFile() ? n.name() + "   " + FolderTree.size(n.entry().size()) : n.name());
                getStyleClass().removeAll("folder-cell", "file-cell");
                if (!empty && n != null && !n.isDocument()) {
                    getStyleClass().add(n.isFolder() ? "folder-cell" : "file-cell");
                }
                setTooltip(empty || n == null || n.entry() == null ? null : new Tooltip(describe(n)));
            }
        });
        tree.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            } else if (e.getCode() == KeyCode.F2) {
                renameSelected();
            } else if (e.getCode() == KeyCode.DELETE) {
                deleteSelected();
            }
        });
        MenuItem openItem = new MenuItem("Open");
        openItem.setOnAction(e -> openSelected());
        MenuItem rename = new MenuItem("Rename…");
        rename.setOnAction(e -> renameSelected());
        MenuItem delete = new MenuItem("Delete…");
        delete.setOnAction(e -> deleteSelected());
        MenuItem create = new MenuItem("New document…");
        create.setOnAction(e -> newDocument());
        MenuItem download = new MenuItem("Download…");
        download.setOnAction(e -> downloadSelected());
        tree.setContextMenu(new ContextMenu(openItem, create, download, rename, delete));
        setCenter(tree);

        Label message = new Label();
        message.setId("folder-message");
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        message.setPadding(new Insets(4, 8, 4, 8));
        message.textProperty().bind(model.messageProperty());
        setBottom(message);

        model.rootProperty().addListener((obs, old, now) -> show(now));
        show(model.rootProperty().get());
    }

    private static String describe(FolderTree.Node n) {
        FileEntry e = n.entry();
        String by = e.author() == null ? "" : " · " + e.author();
        if (n.isDocument()) {
            return n.path() + "\ndocument · revision " + e.version() + " · " + e.size() + " chars" + by;
        }
        if (n.isFile()) {
            return n.path() + "\nfile · version " + e.version() + " · " + FolderTree.size(e.size()) + by
                    + "\nsha256 " + e.sha256();
        }
        return n.path() + "\nfolder" + by;
    }

    private static Button tool(String glyph, String id, String tip, Runnable action) {
        Button b = new Button(glyph);
        b.setId(id);
        b.getStyleClass().addAll("flat", "small");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void show(FolderTree.Node root) {
        String selected = selected().map(FolderTree.Node::path).orElse(null);
        TreeItem<FolderTree.Node> item = toItem(root);
        item.setExpanded(true);
        tree.setRoot(item);
        if (selected != null) {
            select(item, selected);
        }
    }

    /** Folders start open (a shared folder is small, and hidden documents are easily missed); closed ones stay closed. */
    private TreeItem<FolderTree.Node> toItem(FolderTree.Node n) {
        TreeItem<FolderTree.Node> item = new TreeItem<>(n);
        item.setExpanded(!collapsed.contains(n.path()));
        item.expandedProperty().addListener((o, was, open) -> {
            if (open) {
                collapsed.remove(n.path());
            } else {
                collapsed.add(n.path());
            }
        });
        n.children().forEach(c -> item.getChildren().add(toItem(c)));
        return item;
    }

    private boolean select(TreeItem<FolderTree.Node> item, String path) {
        if (item.getValue() != null && item.getValue().path().equals(path)) {
            tree.getSelectionModel().select(item);
            return true;
        }
        for (TreeItem<FolderTree.Node> c : item.getChildren()) {
            if (select(c, path)) {
                return true;
            }
        }
        return false;
    }

    private Optional<FolderTree.Node> selected() {
        TreeItem<FolderTree.Node> item = tree.getSelectionModel().getSelectedItem();
        return Optional.ofNullable(item == null ? null : item.getValue());
    }

    /** Documents open in the editor; files offer to download. */
    private void openSelected() {
        selected().ifPresent(n -> {
            if (n.isDocument()) {
                open.accept(n.path());
            } else if (n.isFile()) {
                downloadSelected();
            }
        });
    }

    /** Asks for a path (in the selected folder) and creates the document; opens it once created. */
    public void newDocument() {
        String folder = FolderTree.folderOf(selected().orElse(null));
        TextInputDialog d = new TextInputDialog(folder + "untitled.txt");
        d.setTitle("New document");
        d.setHeaderText("Path of the new document");
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        d.showAndWait().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(path ->
                model.createDocument(path).thenAccept(c -> FxExecutor.PLATFORM.execute(() -> open.accept(c.path()))));
    }

    private void newFolder() {
        TextInputDialog d = new TextInputDialog(FolderTree.folderOf(selected().orElse(null)) + "new folder");
        d.setTitle("New folder");
        d.setHeaderText("Path of the new folder");
        d.initOwner(getScene().getWindow());
        d.showAndWait().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(model::createFolder);
    }

    private void upload() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Upload into " + FolderTree.folderOf(selected().orElse(null)));
        java.io.File local = chooser.showOpenDialog(getScene().getWindow());
        if (local != null) {
            model.upload(local.toPath(), FolderTree.folderOf(selected().orElse(null)) + local.getName());
        }
    }

    private void downloadSelected() {
        selected().filter(n -> !n.isFolder()).ifPresent(n -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save " + n.path());
            chooser.setInitialFileName(n.name());
            java.io.File local = chooser.showSaveDialog(getScene().getWindow());
            if (local != null) {
                model.download(n, local.toPath());
            }
        });
    }

    private void renameSelected() {
        selected().filter(n -> n.entry() != null).ifPresent(n -> {
            TextInputDialog d = new TextInputDialog(n.path());
            d.setTitle("Rename or move");
            d.setHeaderText("New path for " + n.path() + (n.isFolder() ? " (everything inside moves along)" : " (its history stays)"));
            d.initOwner(getScene().getWindow());
            d.showAndWait().map(String::trim).filter(s -> !s.isEmpty() && !s.equals(n.path()))
                    .ifPresent(to -> model.move(n.path(), to));
        });
    }

    private void deleteSelected() {
        selected().filter(n -> n.entry() != null).ifPresent(n -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Move " + n.path() + (n.isFolder() ? " and everything in it" : "")
                    + " to the trash for everyone? Open editors of it stop; 'bin/concord file trash' lists what can be restored.",
                    ButtonType.CANCEL, ButtonType.OK);
            a.setHeaderText("Delete document");
            a.initOwner(getScene().getWindow());
            a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.delete(n.path()));
        });
    }

    public TreeView<FolderTree.Node> tree() {
        return tree;
    }
}
