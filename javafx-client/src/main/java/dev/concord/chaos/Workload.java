package dev.concord.chaos;

import dev.concord.client.net.ClusterClient;
import dev.concord.config.NodeAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A kind of client traffic in a chaos run, together with the checks that judge it. Clients call
 * {@link #step} concurrently, each from its own thread and one at a time; a workload records
 * every operation it performs (invoke, then ok / fail / unknown) and keeps its history.
 *
 * <p>To add one (documents, chat, files): implement this, record every operation as an
 * {@link OpRecord} (writes feed the availability check and the report), check in
 * {@link #check} against every node once the cluster has healed, and register it in
 * {@link ChaosRun#workloads}.
 */
public interface Workload {

    /** Short name for reports and history files. */
    String name();

    /**
     * Performs one operation as {@code client} and records it. Cluster errors are outcomes, not
     * exceptions; only an interrupt ends a step early.
     */
    void step(ChaosClient client) throws InterruptedException;

    /** A snapshot of every operation recorded so far. */
    List<OpRecord> records();

    /** Checks run after the cluster has healed and every node has applied the same index. */
    List<CheckReport> check(Context context) throws InterruptedException;

    /** Writes this workload's history into {@code dir} (one or more JSON-lines files). */
    void writeHistory(Path dir) throws IOException;

    /**
     * What checks may use.
     *
     * @param nodes every node of the cluster
     * @param admin a client for {@link ClusterClient#ask} to one node
     */
    record Context(List<NodeAddress> nodes, ClusterClient admin) {
    }
}
