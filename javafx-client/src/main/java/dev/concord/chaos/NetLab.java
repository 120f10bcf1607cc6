package dev.concord.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One network namespace per node, so the chaos runner can cut links between nodes.
 *
 * <pre>
 *   root namespace (client)                       namespace concord-TAG-nI (node I)
 *   bridge ccTAGb 10.A.B.1/24 ── veth ccTAGhI ═══ veth ccTAGnI 10.A.B.(10+I)/24
 *                                                   egress: htb 1: ─ u32 "dst = peer" → 1:66 (pfifo limit 0: drop)
 * </pre>
 *
 * A cut from I to J is a u32 filter on I's egress that classifies packets for J's address into a
 * class whose queue holds zero packets, so they are dropped (this kernel has neither the prio qdisc
 * nor the gact drop action; htb, u32 and pfifo are enough). Cutting both directions needs a filter
 * in each namespace. The client's traffic to and from 10.A.B.1 is never filtered.
 *
 * <p>Names carry this JVM's pid and a random suffix, and the subnet is chosen free at creation, so
 * concurrent runs do not collide. {@link #close()} removes everything; it is idempotent.
 */
public final class NetLab implements AutoCloseable {
    /** Why namespaces could not be set up; the runner falls back to 127.0.0.1 without partitions. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static final String BLACKHOLE = "1:66";

    private final String tag;
    private final String subnet;
    private final int nodes;
    private final List<String> created = new ArrayList<>();
    private boolean closed;

    private NetLab(String tag, String subnet, int nodes) {
        this.tag = tag;
        this.subnet = subnet;
        this.nodes = nodes;
    }

    /** Creates the bridge and one namespace per node; on any failure removes what it made and says why. */
    public static NetLab create(int nodes, Random random) throws Unavailable {
        if (!isRoot()) {
            throw new Unavailable("not running as root (network namespaces need CAP_NET_ADMIN)");
        }
        sweepOrphans();
        String tag = ProcessHandle.current().pid() + String.format("%02x", random.nextInt(256));
        NetLab lab;
        try {
            lab = new NetLab(tag, freeSubnet(random), nodes);
        } catch (IOException e) {
            throw new Unavailable(e.getMessage());
        }
        try {
            lab.setUp();
            return lab;
        } catch (IOException e) {
            lab.close();
            throw new Unavailable(e.getMessage());
        }
    }

    private static boolean isRoot() {
        try {
            return "0".equals(run(List.of("id", "-u")).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes namespaces (and their bridge) left by a runner that was killed with SIGKILL and so
     * could not clean up: only names of our exact form, whose runner pid is gone and in which no
     * process runs. A pid reused by another process keeps them; `ip netns del` still works by hand.
     */
    private static void sweepOrphans() {
        try {
            for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^concord-(\\d+)([0-9a-f]{2})-n\\d+\\b").matcher(line);
                if (!m.find() || ProcessHandle.of(Long.parseLong(m.group(1))).isPresent()) {
                    continue;
                }
                String ns = line.split("\\s+")[0];
                if (run(List.of("ip", "netns", "pids", ns)).isBlank()) {
                    run(List.of("ip", "netns", "del", ns));
                    try {
                        run(List.of("ip", "link", "del", "cc" + m.group(1) + m.group(2) + "b"));
                    } catch (IOException e) {
                        // already gone with an earlier namespace of the same run
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: a leftover namespace costs nothing but its name
        }
    }

    private static String freeSubnet(Random random) throws IOException {
        String used = run(List.of("ip", "-4", "-o", "addr", "show")) + run(List.of("ip", "-4", "route", "show"));
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = "10." + (200 + random.nextInt(50)) + "." + random.nextInt(256);
            if (!used.contains(candidate + ".")) {
                return candidate;
            }
        }
        throw new IOException("no free 10.200-249.x.0/24 subnet");
    }

    private void setUp() throws IOException {
        String bridge = bridge();
        sh("ip", "link", "add", bridge, "type", "bridge");
        created.add("link:" + bridge);
        sh("ip", "addr", "add", subnet + ".1/24", "dev", bridge);
        sh("ip", "link", "set", bridge, "up");
        for (int id = 1; id <= nodes; id++) {
            String ns = namespace(id);
            String inner = "cc" + tag + "n" + id;
            String outer = "cc" + tag + "h" + id;
            sh("ip", "netns", "add", ns);
            created.add("netns:" + ns);
            sh("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
            created.add("link:" + outer);
            sh("ip", "link", "set", inner, "netns", ns);
            sh("ip", "link", "set", outer, "master", bridge);
            sh("ip", "link", "set", outer, "up");
            sh("ip", "-n", ns, "addr", "add", host(id) + "/24", "dev", inner);
            sh("ip", "-n", ns, "link", "set", inner, "up");
            sh("ip", "-n", ns, "link", "set", "lo", "up");
            sh("tc", "-n", ns, "qdisc", "add", "dev", inner, "root", "handle", "1:", "htb");
            sh("tc", "-n", ns, "class", "add", "dev", inner, "parent", "1:", "classid", BLACKHOLE,
                    "htb", "rate", "1gbit", "quantum", "1514");
            sh("tc", "-n", ns, "qdisc", "add", "dev", inner, "parent", BLACKHOLE, "handle", "66:", "pfifo", "limit", "0");
        }
    }

    /** The address node {@code id} binds. */
    public String host(int id) {
        return subnet + "." + (10 + id);
    }

    /** The subnet, for reports. */
    public String describe() {
        return "network namespaces concord-" + tag + "-n1..n" + nodes + " on bridge " + bridge() + ", "
                + subnet + ".0/24";
    }

    /** Words that run a command inside node {@code id}'s namespace (ip execs it: the pid is kept). */
    public List<String> launchPrefix(int id) {
        return List.of("ip", "netns", "exec", namespace(id));
    }

    /** Drops every packet node {@code from} sends to node {@code to}. */
    public synchronized void cut(int from, int to) throws IOException {
        sh("tc", "-n", namespace(from), "filter", "add", "dev", "cc" + tag + "n" + from, "parent", "1:",
                "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst", host(to) + "/32", "flowid", BLACKHOLE);
    }

    /** Removes every cut. */
    public synchronized void heal() throws IOException {
        for (int id = 1; id <= nodes; id++) {
            String dev = "cc" + tag + "n" + id;
            // Deleting a parent's filters when it has none fails; only the first error matters below.
            if (!run(List.of("tc", "-n", namespace(id), "filter", "show", "dev", dev)).isBlank()) {
                sh("tc", "-n", namespace(id), "filter", "del", "dev", dev, "parent", "1:");
            }
        }
    }

    private String namespace(int id) {
        return "concord-" + tag + "-n" + id;
    }

    private String bridge() {
        return "cc" + tag + "b";
    }

    /** Deletes namespaces and links in reverse order of creation; errors are ignored (best effort). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = created.size() - 1; i >= 0; i--) {
            String what = created.get(i);
            String name = what.substring(what.indexOf(':') + 1);
            try {
                if (what.startsWith("netns:")) {
                    run(List.of("ip", "netns", "del", name));
                } else {
                    run(List.of("ip", "link", "del", name));
                }
            } catch (IOException e) {
                // a veth disappears with its namespace; nothing else to do
            }
        }
    }

    private static void sh(String... cmd) throws IOException {
        run(List.of(cmd));
    }

    /** Runs a command, returns stdout; a non-zero exit is an IOException naming the command and its stderr. */
    static String run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (" + e.getMessage() + "); install iproute2");
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 10 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + " interrupted");
        }
    }
}
