package dev.concord.client.ui;

import dev.concord.client.cli.LocalCluster;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: shared folder on the left, editor tabs (and the cluster panel) in the
 * centre, chat on the right, status bar at the bottom.
 */
public final class MainWindow extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final StatusBarView statusBar;
    private final SplitPane split;

    public MainWindow(StatusViewModel status, LocalCluster local) {
        statusBar = new StatusBarView(status);
        ClusterPanelView cluster = new ClusterPanelView(status, local, msg -> FxExecutor.PLATFORM.execute(() -> statusBar.say(msg)));
        Tab clusterTab = new Tab("Cluster", cluster);
        clusterTab.setId("cluster-tab");
        clusterTab.setClosable(false);
        tabs.getTabs().add(clusterTab);

        VBox folder = placeholder("Shared folder");
        VBox chat = placeholder("Chat");
        split = new SplitPane(folder, tabs, chat);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.2, 0.75);
        setCenter(split);
        setBottom(statusBar);
    }

    private static VBox placeholder(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("title-4");
        VBox box = new VBox(8, l);
        box.setStyle("-fx-padding: 8;");
        return box;
    }

    public TabPane tabs() {
        return tabs;
    }

    public StatusBarView statusBar() {
        return statusBar;
    }

    public SplitPane split() {
        return split;
    }
}
