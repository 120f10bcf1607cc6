package dev.concord.client.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The main window's layout: shared folder on the left, editor tabs (and the cluster panel) in the
 * centre, chat on the right, status bar at the bottom. Opening a document that already has a tab
 * selects that tab.
 */
public final class MainWindow extends BorderPane {
    private final UiContext ctx;
    private final TabPane tabs = new TabPane();
    private final StatusBarView statusBar;
    private final SplitPane split;
    private final FolderView folder;
    private final Tab clusterTab;
    private final List<EditorView> editors = new ArrayList<>();
    private final Node chat;

    public MainWindow(UiContext ctx, StatusViewModel status, FolderViewModel folderModel, dev.concord.config.ClusterConfig config,
                      Node chat) {
        this.ctx = ctx;
        this.chat = chat;
        statusBar = new StatusBarView(status);
        ClusterPanelView cluster = new ClusterPanelView(status, ctx.local(), config, this::say);
        clusterTab = new Tab("Cluster", cluster);
        clusterTab.setId("cluster-tab");
        clusterTab.setClosable(false);
        tabs.setId("editor-tabs");
        tabs.getTabs().add(clusterTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);

        folder = new FolderView(folderModel, this::openDocument);
        split = new SplitPane(folder, tabs, chat);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.18, 0.74);
        SplitPane.setResizableWithParent(folder, false);
        SplitPane.setResizableWithParent(chat, false);
        setCenter(split);
        setBottom(statusBar);
    }

    /** Shows {@code path} in its tab, opening the document first if needed. */
    public EditorView openDocument(String path) {
        Optional<Tab> existing = tabs.getTabs().stream()
                .filter(t -> t.getContent() instanceof EditorView e && e.model().pathProperty().get().equals(path))
                .findFirst();
        if (existing.isPresent()) {
            tabs.getSelectionModel().select(existing.get());
            return (EditorView) existing.get().getContent();
        }
        EditorView editor = new EditorView(ctx, path);
        Tab tab = new Tab();
        tab.setId("tab-" + path);
        tab.textProperty().bind(editor.model().pathProperty().map(p -> p.substring(p.lastIndexOf('/') + 1)));
        tab.setContent(editor);
        tab.setOnCloseRequest(e -> {
            if (!CloseGuard.mayClose(List.of(editor), getScene().getWindow())) {
                e.consume();
            }
        });
        tab.setOnClosed(e -> {
            editors.remove(editor);
            editor.model().close();
        });
        editors.add(editor);
        tabs.getTabs().add(tabs.getTabs().size() - 1, tab);
        tabs.getSelectionModel().select(tab);
        editor.model().open().whenComplete((s, err) -> ctx.fx().execute(editor.area()::requestFocus));
        return editor;
    }

    /** Closes the selected editor tab (Ctrl+W). */
    public void closeSelectedTab() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t != null && t != clusterTab && t.getOnCloseRequest() != null) {
            javafx.event.Event request = new javafx.event.Event(Tab.TAB_CLOSE_REQUEST_EVENT);
            t.getOnCloseRequest().handle(request);
            if (!request.isConsumed()) {
                tabs.getTabs().remove(t);
                if (t.getOnClosed() != null) {
                    t.getOnClosed().handle(new javafx.event.Event(Tab.CLOSED_EVENT));
                }
            }
        }
    }

    public void showCluster() {
        tabs.getSelectionModel().select(clusterTab);
    }

    public void say(String text) {
        ctx.fx().execute(() -> statusBar.say(text));
    }

    public List<EditorView> editors() {
        return List.copyOf(editors);
    }

    /** The editor of the selected tab, if it is one. */
    public Optional<EditorView> currentEditor() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof EditorView e ? Optional.of(e) : Optional.empty();
    }

    public TabPane tabs() {
        return tabs;
    }

    public StatusBarView statusBar() {
        return statusBar;
    }

    public FolderView folder() {
        return folder;
    }

    public SplitPane split() {
        return split;
    }

    public Node chat() {
        return chat;
    }
}
