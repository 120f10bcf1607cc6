package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.StreamRecord;
import dev.concord.protocol.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord bench append}: C closed-loop clients, each with its own (clientId, seq), appending
 * B-byte records to one fresh stream for S seconds; then every acknowledged record is checked to
 * be in the stream exactly once.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Append throughput and latency against the cluster (see docs/benchmarks.md).")
final class BenchAppend implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    BenchCommand bench;
    @Option(names = "--clients", defaultValue = "64", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--size", defaultValue = "200", description = "record size in bytes (default ${DEFAULT-VALUE})")
    int size;
    @Option(names = "--seconds", defaultValue = "10", description = "measured duration (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured seconds first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    /** What one load run saw; shared with the failover benchmark. */
    record Outcome(String stream, long acked, long errors, LatencyStats latency, Map<String, Long> ackedTexts) {
    }

    @Override
    public Integer call() throws Exception {
        CliContext ctx = bench.main.ctx;
        ClusterClient client = ctx.client();
        Outcome out = run(client, "bench-" + System.currentTimeMillis(), clients, size, warmup, seconds, t -> { }, ctx);
        long[] check = verify(client, out);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "append");
        r.put("clients", clients);
        r.put("size", size);
        r.put("seconds", seconds);
        r.put("throughput", Math.round(out.latency().count() / (double) seconds));
        r.put("p50", LatencyStats.round(out.latency().percentileMs(0.50)));
        r.put("p99", LatencyStats.round(out.latency().percentileMs(0.99)));
        r.put("max", LatencyStats.round(out.latency().percentileMs(1.0)));
        r.put("errors", out.errors());
        r.put("lost", check[0]);
        r.put("doubled", check[1]);
        Bench.print(ctx, json, r);
        return check[0] + check[1] == 0 ? 0 : 1;
    }

    /**
     * Runs the load; {@code onAck} gets the completion time of every acknowledged write (nanoTime).
     * Latencies are recorded only after the warm-up.
     */
    static Outcome run(ClusterClient client, String stream, int clients, int size, int warmup, int seconds,
                       LongConsumer onAck, CliContext ctx) throws InterruptedException {
        String pad = "x".repeat(Math.max(0, size - 24));
        LatencyStats latency = new LatencyStats();
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ClusterClient.Writer w = client.newWriter();
            int id = c;
            Thread t = new Thread(() -> {
                LatencyStats mine = new LatencyStats();
                for (long i = 0; running.get(); i++) {
                    String text = id + ":" + i + ":" + pad;
                    long start = System.nanoTime();
                    try {
                        Result r = ClusterClient.await(w.submit(new Write.StreamAppend(stream, text)));
                        long end = System.nanoTime();
                        if (r instanceof Result.Appended a) {
                            acked.put(text, a.offset());
                            onAck.accept(end);
                            if (start >= measureFrom) {
                                mine.add(end - start);
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (ConcordException e) {
                        errors.incrementAndGet();
                        ctx.err.println("write failed: " + e.getMessage());
                    }
                }
                latency.addAll(mine);
            }, "bench-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep((warmup + seconds) * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        return new Outcome(stream, acked.size(), errors.get(), latency, acked);
    }

    /** Reads the stream back: {lost, doubled} among acknowledged records. */
    static long[] verify(ClusterClient client, Outcome out) {
        Map<String, Integer> seen = new HashMap<>();
        long from = 0;
        while (true) {
            Response.Records page = (Response.Records) client.read(new Query.StreamRead(out.stream(), from, 10_000));
            for (StreamRecord r : page.records()) {
                seen.merge(r.text(), 1, Integer::sum);
            }
            if (page.next() >= page.size() || page.records().isEmpty()) {
                break;
            }
            from = page.next();
        }
        long lost = out.ackedTexts().keySet().stream().filter(t -> !seen.containsKey(t)).count();
        long doubled = seen.values().stream().filter(n -> n > 1).count();
        return new long[] {lost, doubled};
    }
}
