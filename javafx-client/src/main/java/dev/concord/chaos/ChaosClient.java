package dev.concord.chaos;

import dev.concord.client.net.ClusterClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One simulated user: its own connection (so reads spread over nodes), one exactly-once identity,
 * a seeded random source, and a scratch memory that workloads use for what this client last saw.
 * Only the client's own thread touches it; it runs one operation at a time.
 *
 * <p>After an operation with an unknown outcome the client takes a new history process number,
 * as Jepsen does: the unknown operation may still take effect concurrently with the next one.
 */
public final class ChaosClient {
    private final int id;
    private final int stride;
    private final ClusterClient client;
    private final ClusterClient.Writer writer;
    private final Random random;
    private final Map<String, String> memory = new HashMap<>();
    private int process;

    ChaosClient(int id, int stride, ClusterClient client, long seed) {
        this.id = id;
        this.stride = stride;
        this.client = client;
        this.writer = client.writer("chaos-" + seed + "-" + id, 1);
        this.random = new Random(seed * 1_000_003L + id);
        this.process = id;
    }

    /** Stable client number, 0-based; unique values are built from it. */
    public int id() {
        return id;
    }

    /** The history process issuing the next operation. */
    public int process() {
        return process;
    }

    /** Retires the current process number after an unknown outcome. */
    public void crashed() {
        process += stride;
    }

    public ClusterClient client() {
        return client;
    }

    public ClusterClient.Writer writer() {
        return writer;
    }

    public Random random() {
        return random;
    }

    /** What this client remembers, by workload-chosen keys; values may be null. */
    public Map<String, String> memory() {
        return memory;
    }
}
