package dev.concord.client.ui;

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

/**
 * The shared folder on the left: documents under their folders, a toolbar for new / rename /
 * delete, Enter or double-click to open. Rebuilding after a refresh keeps what was expanded and
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
        HBox bar = new HBox(4, title, grow,
                tool("+", "folder-new", "New document (Ctrl+N)", this::newDocument),
                tool("✎", "folder-rename", "Rename (F2)", this::renameSelected),
                tool("✕", "folder-delete", "Delete (Delete)", this::deleteSelected),
                tool("⟳", "folder-refresh", "Refresh (F5)", model::refresh));
        bar.setPadding(new Insets(6, 6, 4, 8));
        setTop(bar);

        tree.setId("folder-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(FolderTree.Node n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.isFolder() ? n.name() + "/" : n.name());
                getStyleClass().remove("folder-cell");
                if (!empty && n != null && n.isFolder()) {
                    getStyleClass().add("folder-cell");
                }
                setTooltip(empty || n == null || n.isFolder() ? null
                        : new Tooltip(n.path() + "\nrevision " + n.doc().revision() + " · " + n.doc().length() + " chars"));
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
        tree.setContextMenu(new ContextMenu(openItem, create, rename, delete));
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

    private void openSelected() {
        selected().filter(n -> !n.isFolder()).ifPresent(n -> open.accept(n.path()));
    }

    /** Asks for a path (in the selected folder) and creates the document; opens it once created. */
    public void newDocument() {
        String folder = FolderTree.folderOf(selected().orElse(null));
        TextInputDialog d = new TextInputDialog(folder + "untitled.txt");
        d.setTitle("New document");
        d.setHeaderText("Path of the new document (folders are created as needed)");
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        d.showAndWait().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(path ->
                model.create(path).thenAccept(c -> FxExecutor.PLATFORM.execute(() -> open.accept(c.path()))));
    }

    private void renameSelected() {
        selected().filter(n -> !n.isFolder()).ifPresent(n -> {
            TextInputDialog d = new TextInputDialog(n.path());
            d.setTitle("Rename");
            d.setHeaderText("New path for " + n.path() + " (its history stays)");
            d.initOwner(getScene().getWindow());
            d.showAndWait().map(String::trim).filter(s -> !s.isEmpty() && !s.equals(n.path()))
                    .ifPresent(to -> model.rename(n.path(), to));
        });
    }

    private void deleteSelected() {
        selected().filter(n -> !n.isFolder()).ifPresent(n -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + n.path() + " for everyone? Open editors of it stop.",
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
