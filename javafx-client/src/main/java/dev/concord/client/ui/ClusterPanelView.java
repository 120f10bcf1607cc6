package dev.concord.client.ui;

import dev.concord.client.cli.LocalCluster;
import dev.concord.client.cli.Membership;
import dev.concord.client.ui.StatusViewModel.NodeRow;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/**
 * The live picture of the cluster: one row per node of cluster.conf, buttons that stop, kill,
 * pause, resume and start the selected node when it runs on this machine, and Raft membership
 * changes (add, remove, hand leadership over) wherever the nodes run. Every action runs off the
 * FX thread and reports its outcome through {@code report}; the table refreshes from
 * {@link StatusViewModel}.
 */
public final class ClusterPanelView extends BorderPane {
    private final TableView<NodeRow> table = new TableView<>();
    private final Consumer<String> report;

    public ClusterPanelView(StatusViewModel model, LocalCluster local, ClusterConfig config, Consumer<String> report) {
        this.report = report;
        table.setItems(model.nodes());
        table.setId("cluster-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Node", 50, r -> String.valueOf(r.node().id())));
        table.getColumns().add(column("Address", 112, r -> r.node().address()));
        table.getColumns().add(column("Process", 78, NodeRow::process));
        table.getColumns().add(column("Role", 70, r -> r.status() == null ? "—" : r.status().role().toLowerCase()));
        table.getColumns().add(column("Term", 54, r -> r.status() == null ? "—" : String.valueOf(r.status().term())));
        table.getColumns().add(column("Log", 50, r -> r.status() == null ? "—" : String.valueOf(r.status().lastLogIndex())));
        table.getColumns().add(column("Commit", 78, r -> r.status() == null ? "—" : String.valueOf(r.status().committedIndex())));
        table.getColumns().add(column("Applied", 78, r -> r.status() == null ? "—" : String.valueOf(r.status().appliedIndex())));
        table.getColumns().add(column("Lag", 44, r -> {
            long commit = model.nodes().stream().filter(x -> x.status() != null)
                    .mapToLong(x -> x.status().committedIndex()).max().orElse(0);
            long lag = r.lag(commit);
            return lag < 0 ? "—" : String.valueOf(lag);
        }));
        table.getColumns().add(column("RTT", 60, r -> r.status() == null ? "—" : r.rttMs() + " ms"));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(NodeRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("node-leader", "node-down");
                if (!empty && row != null) {
                    getStyleClass().add(row.status() == null ? "node-down"
                            : row.status().role().equals("LEADER") ? "node-leader" : "node-up");
                }
            }
        });
        // Rows are replaced every second; keep the user's selection on the same node.
        int[] selectedId = {0};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                selectedId[0] = row.node().id();
            }
        });
        model.nodes().addListener((javafx.collections.ListChangeListener<NodeRow>) c -> {
            for (int i = 0; i < model.nodes().size(); i++) {
                if (model.nodes().get(i).node().id() == selectedId[0]) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        setCenter(table);

        FlowPane actions = new FlowPane(6, 6);
        actions.setPadding(new Insets(6));
        if (local == null) {
            actions.getChildren().add(new Label("Nodes run elsewhere: process controls are off."));
        } else {
            actions.getChildren().addAll(
                    action("Stop", "stop", "SIGTERM: the node shuts down cleanly", id -> local.stop(id, 15_000)),
                    action("Kill -9", "kill", "SIGKILL: a crash, no goodbye", local::kill),
                    action("Pause", "pause", "SIGSTOP: freeze it, like a long GC pause", local::pause),
                    action("Resume", "resume", "SIGCONT", local::resume),
                    action("Start", "start", "start the node's process here", id -> {
                        try {
                            local.start(id);
                            return true;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
        if (config != null) {
            Membership membership = Membership.of(config, report);
            Button add = new Button("Add node…");
            add.setId("node-add");
            add.setTooltip(new Tooltip("Add a started node to the Raft group"));
            add.setOnAction(e -> addNode(membership));
            actions.getChildren().addAll(new Separator(javafx.geometry.Orientation.VERTICAL),
                    membershipAction("Make leader", "transfer", "hand leadership to the selected node",
                            n -> membership.transferLeader(n) == 0),
                    membershipAction("Remove", "remove", "remove the selected node from the Raft group",
                            n -> membership.removeNode(n) == 0),
                    add);
        }
        setBottom(actions);
    }

    private Button action(String text, String id, String tip, IntPredicate op) {
        Button b = new Button(text);
        b.setId("node-" + id);
        b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        b.setOnAction(e -> {
            int node = table.getSelectionModel().getSelectedItem().node().id();
            CompletableFuture.supplyAsync(() -> op.test(node))
                    .whenComplete((ok, err) -> report.accept(err != null
                            ? text + " node " + node + " failed: " + UiContext.messageOf(err)
                            : ok ? text + " node " + node : "node " + node + " is not running; press Start first"));
        });
        return b;
    }

    private Button membershipAction(String text, String id, String tip, java.util.function.Predicate<NodeAddress> op) {
        Button b = new Button(text);
        b.setId("node-" + id);
        b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        b.setOnAction(e -> {
            NodeAddress node = table.getSelectionModel().getSelectedItem().node();
            report.accept(text + " node " + node.id() + "…");
            CompletableFuture.supplyAsync(() -> op.test(node)).whenComplete((ok, err) -> {
                if (err != null) {
                    report.accept(text + " node " + node.id() + " failed: " + UiContext.messageOf(err));
                }
            });
        });
        return b;
    }

    private void addNode(Membership membership) {
        TextInputDialog d = new TextInputDialog("4 127.0.0.1:7104");
        d.setTitle("Add node");
        d.setHeaderText("Start the node first (bin/concord server --node ID), then give its ID and HOST:PORT");
        d.initOwner(getScene().getWindow());
        d.showAndWait().map(String::trim).ifPresent(s -> {
            String[] parts = s.split("\\s+");
            NodeAddress node;
            try {
                node = NodeAddress.parse(Integer.parseInt(parts[0]), parts[1]);
            } catch (RuntimeException ex) {
                report.accept("add node: write the id and address, e.g. '4 127.0.0.1:7104'");
                return;
            }
            CompletableFuture.supplyAsync(() -> membership.addNode(node))
                    .whenComplete((ok, err) -> {
                        if (err != null) {
                            report.accept("add node failed: " + UiContext.messageOf(err));
                        }
                    });
        });
    }

    private static TableColumn<NodeRow, String> column(String title, double minWidth,
                                                       java.util.function.Function<NodeRow, String> value) {
        TableColumn<NodeRow, String> c = new TableColumn<>(title);
        c.setMinWidth(minWidth);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    public TableView<NodeRow> table() {
        return table;
    }
}
