package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord bench failover}: kills the leader of the local cluster K times under append load.
 * The write gap of a kill is the longest stretch without any acknowledged write in the window from
 * one second before the kill to ten seconds after it; every acknowledged record is then checked.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Kill the leader K times under load; report write gaps and lost/doubled records.")
final class BenchFailover implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    BenchCommand bench;
    @Option(names = "--kills", defaultValue = "5", description = "leader kills (default ${DEFAULT-VALUE})")
    int kills;
    @Option(names = "--clients", defaultValue = "16", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--interval", defaultValue = "6", description = "seconds between kills (default ${DEFAULT-VALUE})")
    int interval;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = bench.main.ctx;
        ClusterCommand cc = new ClusterCommand();
        cc.main = bench.main;
        LocalCluster local = cc.local();
        ClusterClient client = ctx.client();
        List<Long> killTimes = new ArrayList<>();
        Thread nemesis = new Thread(() -> {
            try {
                for (int k = 0; k < kills; k++) {
                    Thread.sleep(interval * 1000L / 2);
                    int leader = leader(client, local);
                    if (leader == 0) {
                        ctx.err.println("no leader found; skipping a kill");
                        continue;
                    }
                    synchronized (killTimes) {
                        killTimes.add(System.nanoTime());
                    }
                    local.kill(leader);
                    ctx.err.println("killed leader " + leader);
                    Thread.sleep(interval * 1000L / 2);
                    local.start(leader);
                }
            } catch (Exception e) {
                ctx.err.println("nemesis stopped: " + e);
            }
        }, "nemesis");
        nemesis.setDaemon(true);
        nemesis.start();
        BenchAppend.Outcome out = BenchAppend.run(client, "failover-" + System.currentTimeMillis(), clients, 200,
                0, kills * interval + 3, t -> {
                    synchronized (this) {
                        record(t);
                    }
                }, ctx);
        nemesis.join(TimeUnit.SECONDS.toMillis(30));
        long[] check = BenchAppend.verify(client, out);
        LatencyStats gaps = new LatencyStats();
        long[] times;
        synchronized (this) {
            times = Arrays.copyOf(ackTimes, ackSize);
        }
        Arrays.sort(times);
        for (long kill : killTimes) {
            gaps.add(longestGap(times, kill - 1_000_000_000L, kill + 10_000_000_000L));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "failover");
        r.put("kills", killTimes.size());
        r.put("clients", clients);
        r.put("throughput", Math.round(out.acked() / (double) (kills * interval + 3)));
        r.put("gapP50", LatencyStats.round(gaps.percentileMs(0.5)));
        r.put("gapMax", LatencyStats.round(gaps.percentileMs(1.0)));
        r.put("p50", LatencyStats.round(out.latency().percentileMs(0.50)));
        r.put("p99", LatencyStats.round(out.latency().percentileMs(0.99)));
        r.put("max", LatencyStats.round(out.latency().percentileMs(1.0)));
        r.put("errors", out.errors());
        r.put("lost", check[0]);
        r.put("doubled", check[1]);
        Bench.print(ctx, json, r);
        return check[0] + check[1] + out.errors() == 0 ? 0 : 1;
    }

    private long[] ackTimes = new long[1 << 16];
    private int ackSize;

    private void record(long t) {
        if (ackSize == ackTimes.length) {
            ackTimes = Arrays.copyOf(ackTimes, ackSize * 2);
        }
        ackTimes[ackSize++] = t;
    }

    private static long longestGap(long[] sorted, long from, long to) {
        long prev = from;
        long gap = 0;
        for (long t : sorted) {
            if (t < from) {
                continue;
            }
            if (t > to) {
                break;
            }
            gap = Math.max(gap, t - prev);
            prev = t;
        }
        return gap;
    }

    private static int leader(ClusterClient client, LocalCluster local) {
        for (var n : local.config().nodes()) {
            try {
                if (client.ask(n, new Query.Status(), 500).get(1, TimeUnit.SECONDS) instanceof Response.Status s
                        && s.node().role().equals("LEADER")) {
                    return n.id();
                }
            } catch (Exception e) {
                // down or paused: not the leader we are looking for
            }
        }
        return 0;
    }
}
