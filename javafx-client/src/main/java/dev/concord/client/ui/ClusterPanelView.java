package dev.concord.client.ui;

import dev.concord.client.cli.LocalCluster;
import dev.concord.client.ui.StatusViewModel.NodeRow;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The live picture of the cluster: one row per node of cluster.conf, and buttons that stop, kill,
 * pause, resume and start the selected node when it runs on this machine. Actions run off the FX
 * thread; the table refreshes from {@link StatusViewModel}.
 */
public final class ClusterPanelView extends BorderPane {
    private final TableView<NodeRow> table = new TableView<>();

    public ClusterPanelView(StatusViewModel model, LocalCluster local, Consumer<String> report) {
        table.setItems(model.nodes());
        table.setId("cluster-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Node", r -> String.valueOf(r.node().id())));
        table.getColumns().add(column("Address", r -> r.node().address()));
        table.getColumns().add(column("Process", NodeRow::process));
        table.getColumns().add(column("Role", r -> r.status() == null ? "—" : r.status().role()));
        table.getColumns().add(column("Term", r -> r.status() == null ? "—" : String.valueOf(r.status().term())));
        table.getColumns().add(column("Last", r -> r.status() == null ? "—" : String.valueOf(r.status().lastLogIndex())));
        table.getColumns().add(column("Commit", r -> r.status() == null ? "—" : String.valueOf(r.status().committedIndex())));
        table.getColumns().add(column("Applied", r -> r.status() == null ? "—" : String.valueOf(r.status().appliedIndex())));
        table.getColumns().add(column("Lag", r -> {
            long commit = model.nodes().stream().filter(x -> x.status() != null)
                    .mapToLong(x -> x.status().committedIndex()).max().orElse(0);
            long lag = r.lag(commit);
            return lag < 0 ? "—" : String.valueOf(lag);
        }));
        setCenter(table);

        HBox actions = new HBox(6);
        actions.setPadding(new Insets(6));
        if (local == null) {
            actions.getChildren().add(new Label("Nodes run elsewhere: process controls are off."));
        } else {
            actions.getChildren().addAll(
                    action("Stop", "stop", id -> local.stop(id, 15_000), report),
                    action("Kill -9", "kill", local::kill, report),
                    action("Pause", "pause", local::pause, report),
                    action("Resume", "resume", local::resume, report),
                    action("Start", "start", id -> {
                        try {
                            local.start(id);
                            return true;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, report));
        }
        setBottom(actions);
    }

    private Button action(String text, String id, java.util.function.IntPredicate op, Consumer<String> report) {
        Button b = new Button(text);
        b.setId("node-" + id);
        b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        b.setOnAction(e -> {
            NodeRow row = table.getSelectionModel().getSelectedItem();
            int node = row.node().id();
            CompletableFuture.supplyAsync(() -> op.test(node))
                    .whenComplete((ok, err) -> report.accept(err != null
                            ? text + " node " + node + " failed: " + err.getMessage()
                            : ok ? text + " node " + node : "node " + node + " is not running"));
        });
        return b;
    }

    private static TableColumn<NodeRow, String> column(String title, java.util.function.Function<NodeRow, String> value) {
        TableColumn<NodeRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    public TableView<NodeRow> table() {
        return table;
    }
}
