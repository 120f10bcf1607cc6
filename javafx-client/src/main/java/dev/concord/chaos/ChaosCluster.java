package dev.concord.chaos;

import dev.concord.client.cli.LocalCluster;
import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The chaos run's own cluster: node processes in a fresh temp dir, each in its own network
 * namespace when possible (else on 127.0.0.1 with free ports). {@link #close()} kills every node
 * process it started (by pid), removes the namespaces and deletes the dir; it is idempotent and
 * safe to call from a shutdown hook.
 */
final class ChaosCluster implements AutoCloseable {
    /** Short enough that a restarted node must install a snapshot now and then during a run. */
    private static final int SNAPSHOT_INTERVAL_S = 15;

    private final Path dir;
    private final NetLab net;
    private final String netNote;
    private final ClusterConfig config;
    private final LocalCluster local;
    private final ClusterClient admin;
    private final Set<Long> pids = new HashSet<>();
    private boolean closed;

    private ChaosCluster(Path dir, NetLab net, String netNote, ClusterConfig config, LocalCluster local) {
        this.dir = dir;
        this.net = net;
        this.netNote = netNote;
        this.config = config;
        this.local = local;
        this.admin = ClusterClient.connect(config.nodes(), ClientOptions.defaults());
    }

    /** Creates namespaces (or explains why not), writes the config; starts no node yet. */
    static ChaosCluster create(ChaosOptions options) throws IOException {
        return create(options.nodes(), options.useNamespaces(), options.serverClasspath());
    }

    static ChaosCluster create(int nodes, boolean namespaces, String serverClasspath) throws IOException {
        Path dir = Files.createTempDirectory("concord-chaos-");
        NetLab net = null;
        String note;
        if (namespaces) {
            try {
                net = NetLab.create(nodes, new Random()); // not the seed: concurrent runs with one seed need distinct subnets
                note = net.describe();
            } catch (NetLab.Unavailable e) {
                note = "127.0.0.1, partitions disabled: network namespaces unavailable (" + e.getMessage()
                        + "); run as root with iproute2 (ip, tc) installed to enable them";
            }
        } else {
            note = "127.0.0.1, partitions disabled (--no-netns)";
        }
        try {
            return create(dir, net, note, nodes, serverClasspath);
        } catch (IOException | RuntimeException e) {
            if (net != null) {
                net.close();
            }
            delete(dir);
            throw e;
        }
    }

    private static ChaosCluster create(Path dir, NetLab net, String note, int nodes, String serverClasspath)
            throws IOException {
        StringBuilder conf = new StringBuilder("group = chaos\ndata_dir = data\n")
                .append("election_timeout_ms = 1000\nmax_election_delay_ms = 150\n")
                .append("snapshot_interval_s = ").append(SNAPSHOT_INTERVAL_S).append('\n');
        for (int id = 1; id <= nodes; id++) {
            String host = net == null ? "127.0.0.1" : net.host(id);
            conf.append("node.").append(id).append(" = ").append(host).append(':').append(freePort()).append('\n');
        }
        Path file = dir.resolve("cluster.conf");
        Files.writeString(file, conf);
        ClusterConfig config = ClusterConfig.load(file);
        List<String> flags = new ArrayList<>(LocalCluster.defaultJvmFlags());
        flags.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC")); // later -Xmx wins; 2 cores: fewer GC threads
        NetLab lab = net;
        LocalCluster local = new LocalCluster(config, file, serverClasspath, flags,
                id -> lab == null ? List.of() : lab.launchPrefix(id));
        return new ChaosCluster(dir, net, note, config, local);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    ClusterConfig config() {
        return config;
    }

    List<NodeAddress> nodes() {
        return config.nodes();
    }

    ClusterClient admin() {
        return admin;
    }

    /** Where the nodes run, or why partitions are off. */
    String network() {
        return netNote;
    }

    boolean partitionsAvailable() {
        return net != null;
    }

    synchronized void start(int id) throws IOException {
        if (closed) {
            throw new IOException("cluster is closed");
        }
        pids.add(local.start(id).pid());
    }

    void kill(int id) {
        local.kill(id);
    }

    boolean pause(int id) {
        return local.pause(id);
    }

    boolean resume(int id) {
        return local.resume(id);
    }

    boolean stop(int id) {
        return local.stop(id, 10_000);
    }

    LocalCluster.ProcessState state(int id) {
        return local.state(id);
    }

    void cut(int from, int to) throws IOException {
        net.cut(from, to);
    }

    void healNetwork() throws IOException {
        if (net != null) {
            net.heal();
        }
    }

    /** Each answering node's status; silent nodes are absent. Asks all at once, waits at most {@code timeoutMs}. */
    Map<Integer, NodeStatus> statuses(long timeoutMs) {
        Map<Integer, CompletableFuture<Response>> asks = new TreeMap<>();
        for (NodeAddress n : config.nodes()) {
            asks.put(n.id(), admin.ask(n, new Query.Status(), timeoutMs));
        }
        Map<Integer, NodeStatus> out = new TreeMap<>();
        asks.forEach((id, f) -> {
            try {
                if (f.get(timeoutMs + 500, TimeUnit.MILLISECONDS) instanceof Response.Status s) {
                    out.put(id, s.node());
                }
            } catch (Exception e) {
                // down, paused or cut off: absent
            }
        });
        return out;
    }

    /** The node that says it leads with the highest term, or 0. */
    int leader() {
        Optional<NodeStatus> best = statuses(500).values().stream().filter(s -> s.role().equals("LEADER"))
                .max(Comparator.comparingLong(NodeStatus::term));
        return best.map(NodeStatus::id).orElse(0);
    }

    /** Waits until every node in {@code ids} answers a status request; false on timeout. */
    boolean awaitAnswering(List<Integer> ids, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0) {
            if (statuses(500).keySet().containsAll(ids)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    String tail(int id, int lines) {
        return local.tail(id, lines);
    }

    /** Copies every node's log into {@code target} as node-N.log. */
    void copyLogs(Path target) {
        for (int id : config.ids()) {
            try {
                Files.copy(local.logFile(id), target.resolve("node-" + id + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // a node that never started has no log
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly(); // SIGKILL also ends a SIGSTOPped process
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // reported by nothing: the dir and namespaces go anyway
                }
            });
        }
        if (net != null) {
            net.close();
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the OS temp cleaner takes the rest
        }
    }
}
