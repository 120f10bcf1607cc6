package dev.concord.it;

import static org.awaitility.Awaitility.await;

import dev.concord.client.cli.LocalCluster;
import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real cluster for tests: one JVM per node on 127.0.0.1 with free ports, in a temp dir. Closing it
 * kills every node it started (by PID) and deletes the dir, also when the test failed.
 */
public final class TestCluster implements AutoCloseable {
    private final Path dir;
    private final ClusterConfig config;
    private final LocalCluster local;
    private final Set<Long> pids = new HashSet<>();
    private final List<ClusterClient> clients = new ArrayList<>();

    private TestCluster(int size, String extraConf) throws IOException {
        this.dir = Files.createTempDirectory("concord-it-");
        StringBuilder conf = new StringBuilder("group = it\ndata_dir = data\nsnapshot_interval_s = 3600\n").append(extraConf);
        for (int id = 1; id <= size; id++) {
            conf.append("node.").append(id).append(" = 127.0.0.1:").append(freePort()).append('\n');
        }
        Path file = dir.resolve("cluster.conf");
        Files.writeString(file, conf);
        this.config = ClusterConfig.load(file);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        this.local = new LocalCluster(config, file, cp, LocalCluster.defaultJvmFlags());
    }

    /** Starts {@code size} nodes and waits for a leader. */
    public static TestCluster start(int size) {
        return start(size, "");
    }

    public static TestCluster start(int size, String extraConf) {
        try {
            TestCluster c = new TestCluster(size, extraConf);
            try {
                for (int id : c.config.ids()) {
                    c.startNode(id);
                }
                // Generous: three JVMs starting at once on a busy 2-core box can take half a minute.
                c.awaitLeader(Duration.ofSeconds(90));
                return c;
            } catch (RuntimeException | Error e) {
                c.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public ClusterConfig config() {
        return config;
    }

    public LocalCluster local() {
        return local;
    }

    public NodeAddress node(int id) {
        return config.node(id);
    }

    public void startNode(int id) {
        try {
            pids.add(local.start(id).pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void kill(int id) {
        local.kill(id);
    }

    public ClusterClient client() {
        return client(ClientOptions.defaults());
    }

    public ClusterClient client(ClientOptions options) {
        return client(config.nodes(), options);
    }

    public ClusterClient client(List<NodeAddress> nodes, ClientOptions options) {
        ClusterClient c = ClusterClient.connect(nodes, options);
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** This node's status, or empty when it does not answer within a second. */
    public Optional<NodeStatus> status(int id) {
        try {
            Response r = admin().ask(node(id), new Query.Status(), 1_000).get(2, TimeUnit.SECONDS);
            return r instanceof Response.Status s ? Optional.of(s.node()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private ClusterClient admin;

    private synchronized ClusterClient admin() {
        if (admin == null) {
            admin = client();
        }
        return admin;
    }

    /** Waits until a running node reports itself leader and returns its id. */
    public int awaitLeader() {
        return awaitLeader(Duration.ofSeconds(60));
    }

    public int awaitLeader(Duration timeout) {
        int[] leader = {0};
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (int id : config.ids()) {
                if (status(id).filter(s -> s.role().equals("LEADER")).isPresent()) {
                    leader[0] = id;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** Digest of one node's whole state at its applied index. */
    public Response.Digest digest(int id) {
        try {
            return (Response.Digest) admin().ask(node(id), new Query.Digest(), 5_000).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("node " + id + " did not return a digest: " + e, e);
        }
    }

    /** Waits until the given nodes have applied the same index with the same digest; returns it. */
    public String awaitSameDigest(List<Integer> ids, Duration timeout) {
        String[] digest = {null};
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<Integer, Response.Digest> all = new TreeMap<>();
            for (int id : ids) {
                try {
                    all.put(id, digest(id));
                } catch (AssertionError e) {
                    return false; // a restarted node may still be starting
                }
            }
            long distinct = all.values().stream().distinct().count();
            digest[0] = all.values().iterator().next().sha256();
            return distinct == 1;
        });
        return digest[0];
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(ClusterClient::close);
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // best effort: the dir is removed below either way
                }
            });
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leave it to the OS temp cleaner
        }
    }
}
