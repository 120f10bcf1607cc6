package dev.concord.client.cli;

import dev.concord.client.cli.LocalCluster.ProcessState;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code concord cluster ...}: the local nodes of cluster.conf as background processes. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start, stop, inspect and break the local nodes of cluster.conf.")
final class ClusterCommand {
    @ParentCommand
    Main main;

    LocalCluster local() {
        ClusterConfig config = main.ctx.config();
        return new LocalCluster(config, main.ctx.confPath(), System.getProperty("concord.server.classpath"),
                LocalCluster.defaultJvmFlags());
    }

    @Command(name = "up", description = "Start every node that is not running and wait for a leader.")
    int up(@Option(names = "--json", description = "print status as JSON") boolean json) throws IOException {
        LocalCluster local = local();
        for (int id : local.config().ids()) {
            if (local.state(id) == ProcessState.STOPPED) {
                local.start(id);
                main.ctx.err.println("started node " + id + " (log: " + local.logFile(id) + ")");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Ready = a leader that has applied everything committed (after a restart it replays its log).
        while (!ready(statuses(local))) {
            if (System.nanoTime() > deadline) {
                for (int id : local.config().ids()) {
                    if (local.state(id) == ProcessState.STOPPED) {
                        main.ctx.err.println("node " + id + " exited; its log ends with:\n" + local.tail(id, 15));
                    }
                }
                throw new ConcordException(ErrorCode.NO_QUORUM, "no leader after 30 s; see the node logs above"
                        + " and bin/concord cluster status");
            }
            sleep(200);
        }
        return status(json);
    }

    @Command(name = "down", description = "Stop every node gracefully (SIGTERM).")
    int down() {
        LocalCluster local = local();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (int id : local.config().ids()) {
            stops.add(CompletableFuture.runAsync(() -> {
                if (local.stop(id, 15_000)) {
                    main.ctx.err.println("stopped node " + id);
                }
            }));
        }
        stops.forEach(CompletableFuture::join);
        return 0;
    }

    @Command(name = "status", description = "Per node: process, Raft role, term, leader and log indexes.")
    int status(@Option(names = "--json", description = "print one JSON object") boolean json) {
        LocalCluster local = local();
        List<Map<String, Object>> rows = statuses(local);
        if (json) {
            main.ctx.printJson(Map.of("nodes", rows));
            return 0;
        }
        main.ctx.out.printf("%-4s %-21s %-8s %-9s %5s %6s %9s %9s %9s%n",
                "ID", "ADDRESS", "PROCESS", "ROLE", "TERM", "LEADER", "LAST", "COMMITTED", "APPLIED");
        for (Map<String, Object> r : rows) {
            main.ctx.out.printf("%-4s %-21s %-8s %-9s %5s %6s %9s %9s %9s%n", r.get("id"), r.get("address"),
                    r.get("process"), r.get("role"), dash(r.get("term")), dash(r.get("leaderId")),
                    dash(r.get("lastLogIndex")), dash(r.get("committedIndex")), dash(r.get("appliedIndex")));
        }
        return 0;
    }

    private static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }

    private List<Map<String, Object>> statuses(LocalCluster local) {
        List<NodeAddress> nodes = local.config().nodes();
        List<CompletableFuture<Response>> asks = new ArrayList<>();
        for (NodeAddress n : nodes) {
            asks.add(main.ctx.client().ask(n, new Query.Status(), 1_000));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeAddress n = nodes.get(i);
            NodeStatus s = null;
            try {
                if (asks.get(i).get(2, TimeUnit.SECONDS) instanceof Response.Status st) {
                    s = st.node();
                }
            } catch (Exception e) {
                // unreachable node: its row shows what the OS knows
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", n.id());
            row.put("address", n.address());
            row.put("process", local.state(n.id()).name().toLowerCase());
            row.put("role", s == null ? "UNKNOWN" : s.role());
            row.put("term", s == null ? null : s.term());
            row.put("leaderId", s == null || s.leaderId() == 0 ? null : s.leaderId());
            row.put("lastLogIndex", s == null ? null : s.lastLogIndex());
            row.put("committedIndex", s == null ? null : s.committedIndex());
            row.put("appliedIndex", s == null ? null : s.appliedIndex());
            rows.add(row);
        }
        return rows;
    }

    private static boolean ready(List<Map<String, Object>> rows) {
        boolean allAnswer = rows.stream().allMatch(r -> !"running".equals(r.get("process")) || r.get("term") != null);
        return allAnswer && rows.stream().anyMatch(r -> "LEADER".equals(r.get("role"))
                && ((Long) r.get("appliedIndex")) >= ((Long) r.get("committedIndex")));
    }

    @Command(name = "start", description = "Start node N in the background.")
    int start(@Parameters(paramLabel = "N") int id) throws IOException {
        LocalCluster local = local();
        local.config().node(id);
        if (local.state(id) != ProcessState.STOPPED) {
            main.ctx.err.println("node " + id + " is already " + local.state(id).name().toLowerCase());
            return 0;
        }
        ProcessHandle p = local.start(id);
        main.ctx.err.println("started node " + id + " (pid " + p.pid() + ", log: " + local.logFile(id) + ")");
        return 0;
    }

    @Command(name = "stop", description = "Stop node N gracefully (SIGTERM, then SIGKILL after 15 s).")
    int stop(@Parameters(paramLabel = "N") int id) {
        return report(id, local().stop(id, 15_000), "stopped");
    }

    @Command(name = "kill", description = "Kill node N at once (SIGKILL), as a crash would.")
    int kill(@Parameters(paramLabel = "N") int id) {
        return report(id, local().kill(id), "killed");
    }

    @Command(name = "pause", description = "Freeze node N (SIGSTOP), like a long GC pause.")
    int pause(@Parameters(paramLabel = "N") int id) {
        return report(id, local().pause(id), "paused");
    }

    @Command(name = "resume", description = "Unfreeze node N (SIGCONT).")
    int resume(@Parameters(paramLabel = "N") int id) {
        return report(id, local().resume(id), "resumed");
    }

    private int report(int id, boolean done, String verb) {
        main.ctx.config().node(id);
        if (!done) {
            main.ctx.err.println("node " + id + " is not running; start it with: bin/concord cluster start " + id);
            return 1;
        }
        main.ctx.err.println(verb + " node " + id);
        return 0;
    }

    @Command(name = "add-node", description = "Add node ID at HOST:PORT to the Raft group (start it first).")
    int addNode(@Parameters(paramLabel = "ID") int id, @Parameters(paramLabel = "HOST:PORT") String address) {
        return Membership.of(main.ctx).addNode(NodeAddress.parse(id, address));
    }

    @Command(name = "remove-node", description = "Remove node ID from the Raft group.")
    int removeNode(@Parameters(paramLabel = "ID") int id) {
        return Membership.of(main.ctx).removeNode(main.ctx.config().node(id));
    }

    @Command(name = "transfer-leader", description = "Hand leadership to node ID.")
    int transferLeader(@Parameters(paramLabel = "ID") int id) {
        return Membership.of(main.ctx).transferLeader(main.ctx.config().node(id));
    }

    @Command(name = "snapshot", description = "Make node N take a snapshot now (and truncate its log).")
    int snapshot(@Parameters(paramLabel = "N") int id) {
        return Membership.of(main.ctx).snapshot(main.ctx.config().node(id));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
