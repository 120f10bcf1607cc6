package dev.concord.client.ui;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.ConnectionState;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the status bar and the cluster panel show: the client's connection state and every node's
 * Raft view. {@link #refresh()} asks the nodes off the FX thread; results land through the
 * injected {@link FxExecutor}.
 */
public final class StatusViewModel {
    /** One node as the cluster panel shows it; {@code status} is null when the node does not answer. */
    public record NodeRow(NodeAddress node, NodeStatus status, String process, long rttMs) {
        public long lag(long leaderCommit) {
            return status == null ? -1 : Math.max(0, leaderCommit - status.appliedIndex());
        }
    }

    private final ClusterClient client;
    private final FxExecutor fx;
    private final ProcessStates processes;
    private final ObjectProperty<ConnectionState.Change> connection = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("connecting…");
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();

    /** Where the process state of a node comes from (local pid files, or "remote" when not local). */
    @FunctionalInterface
    public interface ProcessStates {
        String of(int nodeId);
    }

    public StatusViewModel(ClusterClient client, FxExecutor fx, ProcessStates processes) {
        this.client = client;
        this.fx = fx;
        this.processes = processes;
        connection.set(client.connectionState());
        client.addConnectionListener(c -> fx.execute(() -> connection.set(c)));
    }

    public ReadOnlyObjectProperty<ConnectionState.Change> connectionProperty() {
        return connection;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ObservableList<NodeRow> nodes() {
        return nodes;
    }

    /** Asks every node for its status (in parallel, 1 s each) and publishes the rows. */
    public CompletableFuture<Void> refresh() {
        List<NodeAddress> all = client.nodes();
        List<CompletableFuture<NodeRow>> asks = new ArrayList<>();
        for (NodeAddress n : all) {
            long start = System.nanoTime();
            asks.add(client.ask(n, new Query.Status(), 1_000)
                    .orTimeout(1_500, TimeUnit.MILLISECONDS)
                    .handle((r, err) -> new NodeRow(n, r instanceof Response.Status s ? s.node() : null,
                            processes.of(n.id()), (System.nanoTime() - start) / 1_000_000)));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<NodeRow> rows = asks.stream().map(CompletableFuture::join).toList();
            String text = describe(rows);
            fx.execute(() -> {
                nodes.setAll(rows);
                summary.set(text);
            });
        });
    }

    static String describe(List<NodeRow> rows) {
        NodeRow leader = rows.stream().filter(r -> r.status() != null && r.status().role().equals("LEADER"))
                .findFirst().orElse(null);
        if (leader == null) {
            long up = rows.stream().filter(r -> r.status() != null).count();
            return "no leader (" + up + " of " + rows.size() + " nodes answer)";
        }
        NodeStatus s = leader.status();
        return "leader node " + s.id() + " · term " + s.term() + " · commit " + s.committedIndex()
                + " · rtt " + leader.rttMs() + " ms";
    }
}
