package dev.concord.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The parsed cluster.conf: the Raft group, where nodes keep their data, timing, and the node list.
 *
 * <p>Format: one {@code key = value} per line, {@code #} starts a comment, blank lines are ignored.
 * Nodes are {@code node.<id> = host:port}. Relative {@code data_dir} is resolved against the folder
 * holding the file, so a checkout works from any working directory.
 *
 * @param source file the values came from (for messages); may be a pseudo-path for generated configs
 * @param requireAuth whether stream, register, document and event reads and writes need a session token
 *     (account and chat requests always do); every node must agree on it
 * @param passwordIterations PBKDF2 work factor the leader uses for new passwords (stored per account)
 * @param files shared-folder versions, quotas and upload timeout (see {@link FileLimits})
 * @param warnings things that are legal but unwise (an even node count), printed by the caller
 */
public record ClusterConfig(
        Path source,
        String group,
        Path dataDir,
        int electionTimeoutMs,
        int maxElectionDelayMs,
        int snapshotIntervalSecs,
        int clientTtlSecs,
        boolean requireAuth,
        int passwordIterations,
        FileLimits files,
        List<NodeAddress> nodes,
        List<String> warnings) {

    /** The keys cluster.conf may contain besides {@code node.<id>}. */
    public static final Set<String> KEYS = Set.of(
            "group", "data_dir", "election_timeout_ms", "max_election_delay_ms",
            "snapshot_interval_s", "client_ttl_s", "require_auth", "password_iterations",
            "file_versions_kept", "file_quota_user_mib", "file_quota_cluster_mib", "upload_timeout_s");

    public ClusterConfig {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }

    /**
     * Finds the config file: the command-line value if given, else the {@code concord.conf} system
     * property, else the {@code CONCORD_CONF} environment variable, else {@code cluster.conf} in the
     * Concord home ({@code concord.home} property) or the working directory.
     */
    public static Path locate(String cliValue) {
        if (cliValue != null && !cliValue.isBlank()) {
            return Path.of(cliValue);
        }
        String prop = System.getProperty("concord.conf");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("CONCORD_CONF");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty("concord.home");
        return home == null ? Path.of("cluster.conf") : Path.of(home, "cluster.conf");
    }

    /** Reads and parses a file; a missing file is a {@link ConfigException} that says how to point at one. */
    public static ClusterConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read cluster config (" + e.getMessage()
                    + "); pass --conf FILE or set CONCORD_CONF");
        }
        return parse(text, file);
    }

    /** Parses config text; errors name {@code source}, the line number and the key. */
    public static ClusterConfig parse(String text, Path source) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        TreeMap<Integer, NodeAddress> nodes = new TreeMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(source, lineNo, line, "expected 'key = value'");
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (value.isEmpty()) {
                throw error(source, lineNo, key, "has no value");
            }
            if (key.startsWith("node.")) {
                int id = parseInt(source, lineNo, key, key.substring("node.".length()), 1, 1_000_000);
                NodeAddress node;
                try {
                    node = NodeAddress.parse(id, value);
                } catch (IllegalArgumentException e) {
                    throw error(source, lineNo, key, e.getMessage());
                }
                if (nodes.putIfAbsent(id, node) != null) {
                    throw error(source, lineNo, key, "duplicate node id " + id);
                }
                continue;
            }
            if (!KEYS.contains(key)) {
                throw error(source, lineNo, key, "unknown key; known keys: node.<id>, "
                        + KEYS.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (values.putIfAbsent(key, value) != null) {
                throw error(source, lineNo, key, "set twice (first on line " + lineOf.get(key) + ")");
            }
            lineOf.put(key, lineNo);
        }
        if (nodes.isEmpty()) {
            throw new ConfigException(source + ": no nodes; add lines like 'node.1 = 127.0.0.1:7101'");
        }
        checkDistinctAddresses(source, nodes);
        List<String> warnings = new ArrayList<>();
        if (nodes.size() % 2 == 0) {
            warnings.add(source + ": " + nodes.size() + " nodes tolerate no more crashes than "
                    + (nodes.size() - 1) + " would (" + (nodes.size() / 2 - 1)
                    + "); use an odd count");
        }
        Path base = source.toAbsolutePath().getParent();
        Path dataDir = Path.of(values.getOrDefault("data_dir", "data"));
        if (!dataDir.isAbsolute() && base != null) {
            dataDir = base.resolve(dataDir).normalize();
        }
        String group = values.getOrDefault("group", "concord");
        if (!group.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw error(source, lineOf.get("group"), "group", "must be 1-64 of letters, digits, '_', '.', '-'");
        }
        return new ClusterConfig(source, group, dataDir,
                intValue(source, values, lineOf, "election_timeout_ms", 1000, 50, 60_000),
                intValue(source, values, lineOf, "max_election_delay_ms", 150, 0, 60_000),
                intValue(source, values, lineOf, "snapshot_interval_s", 600, 1, 86_400 * 7),
                intValue(source, values, lineOf, "client_ttl_s", 86_400, 60, 86_400 * 365),
                boolValue(source, values, lineOf, "require_auth", false),
                intValue(source, values, lineOf, "password_iterations", 210_000, 1_000, 10_000_000),
                files(source, values, lineOf),
                new ArrayList<>(nodes.values()), warnings);
    }

    /** The node with this id, or an error listing the ids that exist. */
    public NodeAddress node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst().orElseThrow(() -> new ConfigException(
                source + ": unknown node id " + id + "; this cluster has nodes " + ids()));
    }

    /** The node ids, ascending. */
    public List<Integer> ids() {
        return nodes.stream().map(NodeAddress::id).toList();
    }

    /** A node's own folder under {@link #dataDir()}: Raft log, metadata, snapshots, state, pid and log file. */
    public Path nodeDir(int id) {
        return dataDir.resolve("node-" + id);
    }

    /** Peers in jraft's {@code host:port,host:port} configuration form. */
    public String peers() {
        return nodes.stream().map(NodeAddress::address).collect(Collectors.joining(","));
    }

    /** The same cluster restricted to these node addresses (the CLI's {@code --servers}). */
    public ClusterConfig withNodes(List<NodeAddress> subset) {
        return new ClusterConfig(source, group, dataDir, electionTimeoutMs, maxElectionDelayMs,
                snapshotIntervalSecs, clientTtlSecs, requireAuth, passwordIterations, files, subset, warnings);
    }

    /** Renders a file that parses back to this config (used to generate configs for tests and the chaos runner). */
    public String render() {
        StringBuilder out = new StringBuilder("# generated by Concord; format described in the repository's cluster.conf\n");
        out.append("group = ").append(group).append('\n');
        out.append("data_dir = ").append(dataDir).append('\n');
        out.append("election_timeout_ms = ").append(electionTimeoutMs).append('\n');
        out.append("max_election_delay_ms = ").append(maxElectionDelayMs).append('\n');
        out.append("snapshot_interval_s = ").append(snapshotIntervalSecs).append('\n');
        out.append("client_ttl_s = ").append(clientTtlSecs).append('\n');
        out.append("require_auth = ").append(requireAuth).append('\n');
        out.append("password_iterations = ").append(passwordIterations).append('\n');
        out.append("file_versions_kept = ").append(files.versionsKept()).append('\n');
        out.append("file_quota_user_mib = ").append(files.userQuotaBytes() >> 20).append('\n');
        out.append("file_quota_cluster_mib = ").append(files.clusterQuotaBytes() >> 20).append('\n');
        out.append("upload_timeout_s = ").append(files.uploadTimeoutMs() / 1000).append('\n');
        nodes.stream().sorted(Comparator.comparingInt(NodeAddress::id))
                .forEach(n -> out.append("node.").append(n.id()).append(" = ").append(n.address()).append('\n'));
        return out.toString();
    }

    private static void checkDistinctAddresses(Path source, Map<Integer, NodeAddress> nodes) {
        Map<String, Integer> seen = new TreeMap<>();
        for (NodeAddress n : nodes.values()) {
            Integer other = seen.putIfAbsent(n.address(), n.id());
            if (other != null) {
                throw new ConfigException(source + ": node." + n.id() + " and node." + other
                        + " both use " + n.address() + "; give each node its own port");
            }
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static int intValue(Path source, Map<String, String> values, Map<String, Integer> lineOf,
                                String key, int dflt, int min, int max) {
        String v = values.get(key);
        return v == null ? dflt : parseInt(source, lineOf.get(key), key, v, min, max);
    }

    private static boolean boolValue(Path source, Map<String, String> values, Map<String, Integer> lineOf,
                                     String key, boolean dflt) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw error(source, lineOf.get(key), key, "must be true or false, got '" + v + "'");
    }

    private static FileLimits files(Path source, Map<String, String> values, Map<String, Integer> lineOf) {
        FileLimits d = FileLimits.DEFAULT;
        return new FileLimits(
                intValue(source, values, lineOf, "file_versions_kept", d.versionsKept(), 1, 1000),
                (long) intValue(source, values, lineOf, "file_quota_user_mib", (int) (d.userQuotaBytes() >> 20), 0,
                        1 << 30) << 20,
                (long) intValue(source, values, lineOf, "file_quota_cluster_mib", (int) (d.clusterQuotaBytes() >> 20), 0,
                        1 << 30) << 20,
                intValue(source, values, lineOf, "upload_timeout_s", (int) (d.uploadTimeoutMs() / 1000), 1,
                        86_400 * 30) * 1000L);
    }

    private static int parseInt(Path source, int line, String key, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw error(source, line, key, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(source, line, key, "'" + v + "' is not a whole number");
        }
    }

    private static ConfigException error(Path source, int line, String key, String what) {
        return new ConfigException(source + ":" + line + ": " + key + ": " + what);
    }
}
