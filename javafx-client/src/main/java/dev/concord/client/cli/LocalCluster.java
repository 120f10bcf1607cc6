package dev.concord.client.cli;

import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The nodes of a cluster.conf that run on this machine, as background processes: a pid file and a
 * log per node under its data dir. Used by {@code bin/concord cluster}, the tests and the chaos runner.
 */
public final class LocalCluster {
    /** What a node process is doing, as the OS sees it. */
    public enum ProcessState { RUNNING, PAUSED, STOPPED }

    private final ClusterConfig config;
    private final Path confFile;
    private final String java;
    private final String classpath;
    private final List<String> jvmFlags;
    private final IntFunction<List<String>> launchPrefix;

    /**
     * @param confFile the file nodes are started with (must parse to {@code config})
     * @param classpath the server's class path; null means this JVM's (tests run with both on it)
     */
    public LocalCluster(ClusterConfig config, Path confFile, String classpath, List<String> jvmFlags) {
        this(config, confFile, classpath, jvmFlags, id -> List.of());
    }

    /**
     * @param launchPrefix words put before a node's command, per node id (the chaos runner's
     *     {@code ip netns exec NS}); the prefix must exec the rest in the same process, so the pid
     *     started here stays the node's pid
     */
    public LocalCluster(ClusterConfig config, Path confFile, String classpath, List<String> jvmFlags,
                        IntFunction<List<String>> launchPrefix) {
        this.launchPrefix = launchPrefix;
        this.config = config;
        this.confFile = confFile.toAbsolutePath();
        this.java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.classpath = classpath != null ? classpath : System.getProperty("java.class.path");
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /**
     * G1 regions of 4 MiB: objects of half a region or more are "humongous" (allocated apart, and
     * each allocation can start a concurrent mark), and with the 1 MiB regions a 768 MiB heap gets,
     * every 1 MiB file chunk was one: a leader taking an upload spent more CPU in G1 than on the upload.
     */
    public static final String LARGE_REGIONS = "-XX:G1HeapRegionSize=4m";

    /**
     * glibc malloc settings for nodes (bin/concord server sets the same). RocksDB and netty allocate
     * and free 1 MiB buffers for file chunks from many threads; with glibc's default per-thread
     * arenas and its sliding mmap threshold those stay resident in the arenas (a node reached 1.9 GB
     * RSS with a 768 MiB heap after a 256 MiB upload). A fixed 128 KiB threshold hands big buffers
     * back to the OS on free, and two arenas bound the rest (1.15 GB at the same point).
     */
    public static final Map<String, String> NODE_MALLOC = Map.of(
            "MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "131072");

    /** Flags from the {@code concord.jvm.flags} property (set by bin/concord and the build). */
    public static List<String> defaultJvmFlags() {
        String flags = System.getProperty("concord.jvm.flags", "");
        List<String> out = new ArrayList<>();
        for (String f : flags.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                out.add(f);
            }
        }
        out.add("-Xmx768m");
        out.add(LARGE_REGIONS);
        return out;
    }

    public ClusterConfig config() {
        return config;
    }

    public Path logFile(int id) {
        return config.nodeDir(id).resolve("node.log");
    }

    private Path pidFile(int id) {
        return config.nodeDir(id).resolve("node.pid");
    }

    /** The live process of node {@code id}, if its pid file names one that is still a Concord node. */
    public Optional<ProcessHandle> process(int id) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(id)).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isConcordNode(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isConcordNode(long pid) {
        try {
            byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmd, StandardCharsets.UTF_8).contains("dev.concord.server.ServerMain");
        } catch (IOException e) {
            return ProcessHandle.of(pid).isPresent();
        }
    }

    public ProcessState state(int id) {
        Optional<ProcessHandle> p = process(id);
        if (p.isEmpty()) {
            return ProcessState.STOPPED;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.get().pid()), "stat"));
            char s = stat.charAt(stat.lastIndexOf(')') + 2);
            return s == 'T' || s == 't' ? ProcessState.PAUSED : ProcessState.RUNNING;
        } catch (IOException | RuntimeException e) {
            return ProcessState.RUNNING;
        }
    }

    /**
     * Starts node {@code id} in the background and returns its process; does nothing if it already
     * runs. The pid file is written here at once, so a node killed during start-up is still found.
     */
    public ProcessHandle start(int id) throws IOException {
        NodeAddress node = config.node(id);
        Optional<ProcessHandle> running = process(id);
        if (running.isPresent()) {
            return running.get();
        }
        Path dir = config.nodeDir(id);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(launchPrefix.apply(id));
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid"); // own session: Ctrl-C in the terminal that ran `cluster up` spares the nodes
        }
        cmd.add(java);
        cmd.addAll(jvmFlags);
        cmd.add("-Dconcord.node=" + node.id());
        cmd.addAll(List.of("-cp", classpath, "dev.concord.server.ServerMain", "--node", Integer.toString(id),
                "--conf", confFile.toString()));
        // Working dir = node dir: jraft writes its SIGUSR2 dumps (node_describe.log...) to the cwd.
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(id).toFile()))
                .redirectErrorStream(true);
        pb.environment().putAll(NODE_MALLOC);
        Process p = pb.start();
        Files.writeString(pidFile(id), Long.toString(p.pid()));
        return p.toHandle();
    }

    /** SIGTERM and wait for a graceful exit; SIGKILL after {@code graceMs}. Returns false if it was not running. */
    public boolean stop(int id, long graceMs) {
        Optional<ProcessHandle> p = process(id);
        if (p.isEmpty()) {
            return false;
        }
        signal(p.get().pid(), "CONT"); // a paused JVM cannot run its shutdown hook
        p.get().destroy();
        try {
            p.get().onExit().get(graceMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            p.get().destroyForcibly();
            awaitExit(p.get());
        }
        return true;
    }

    /** SIGKILL: the node gets no chance to flush or say goodbye. */
    public boolean kill(int id) {
        Optional<ProcessHandle> p = process(id);
        p.ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h);
        });
        return p.isPresent();
    }

    public boolean pause(int id) {
        return process(id).map(h -> signal(h.pid(), "STOP")).orElse(false);
    }

    public boolean resume(int id) {
        return process(id).map(h -> signal(h.pid(), "CONT")).orElse(false);
    }

    private static void awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reported by the caller's next status check
        }
    }

    private static boolean signal(long pid, String sig) {
        try {
            return new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of a node's log, for error messages. */
    public String tail(int id, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(id));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile(id) + ")";
        }
    }
}
