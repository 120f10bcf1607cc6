package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.DocumentListener;
import dev.concord.client.session.DocumentSession;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord bench edit}: N editors, each its own client and {@link DocumentSession}, type into
 * D fresh documents. Reports committed ops per second and how long a local edit takes to appear in
 * the other editors of its document. An op carries every edit made while the previous one was in
 * flight; its latency is measured from the earliest of them, so the figures are the worst case.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Concurrent editors on shared documents: committed ops/s and edit-to-remote latency.")
final class EditBenchCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;
    @Option(names = "--clients", defaultValue = "5", paramLabel = "N", description = "editors (default 5)")
    int clients;
    @Option(names = "--docs", defaultValue = "1", paramLabel = "D", description = "documents, shared round-robin (default 1)")
    int docs;
    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "typing time (default 10)")
    int seconds;
    @Option(names = "--interval-ms", defaultValue = "20", paramLabel = "MS",
            description = "pause between one editor's keystrokes (default 20: 50 keys/s)")
    int intervalMs;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    private final Map<String, Long> firstEdit = new ConcurrentHashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final List<Long> ackLatencies = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || docs < 1 || seconds < 1 || docs > clients || intervalMs < 0) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "need --clients >= --docs >= 1, --seconds >= 1, --interval-ms >= 0");
        }
        CliContext ctx = bench.main.ctx;
        String run = Long.toHexString(System.nanoTime());
        List<String> paths = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            paths.add("/bench/edit-" + run + "/doc-" + d);
            Results.expect(ctx.client().write(new Write.DocCreate(paths.get(d))), dev.concord.protocol.Result.DocCreated.class);
        }
        List<ClusterClient> connections = new ArrayList<>();
        List<DocumentSession> sessions = new ArrayList<>();
        AtomicBoolean measuring = new AtomicBoolean(true);
        try {
            for (int i = 0; i < clients; i++) {
                ClusterClient c = ClusterClient.connect(ctx.nodes());
                connections.add(c);
                sessions.add(DocumentSession.open(c, paths.get(i % docs), new Recorder(measuring)));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong edits = new AtomicLong();
            List<Thread> typists = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                DocumentSession s = sessions.get(i);
                Random rnd = new Random(i);
                Thread t = new Thread(() -> type(s, rnd, stop, edits), "typist-" + i);
                t.setDaemon(true);
                typists.add(t);
            }
            long start = System.nanoTime();
            typists.forEach(Thread::start);
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread t : typists) {
                t.join();
            }
            for (DocumentSession s : sessions) {
                s.awaitSynchronized(Duration.ofSeconds(30));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            measuring.set(false);
            long committed = sessions.stream().mapToLong(s -> s.acknowledged().size()).sum();
            report(elapsed, edits.get(), committed);
        } finally {
            sessions.forEach(DocumentSession::close);
            connections.forEach(ClusterClient::close);
        }
        return 0;
    }

    private void type(DocumentSession s, Random rnd, AtomicBoolean stop, AtomicLong edits) {
        while (!stop.get()) {
            try {
                int length = s.text().length();
                if (length > 200 && rnd.nextInt(3) == 0) {
                    s.delete(rnd.nextInt(length), 1);
                } else {
                    s.insert(rnd.nextInt(length + 1), String.valueOf((char) ('a' + rnd.nextInt(26))));
                }
                edits.incrementAndGet();
                if (intervalMs > 0) {
                    Thread.sleep(intervalMs);
                }
            } catch (IllegalArgumentException e) {
                // a remote edit shortened the text between reading its length and editing: pick again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stamps each outgoing op with its first local edit; times its appearance at the other editors. */
    private final class Recorder implements DocumentListener {
        private final AtomicBoolean measuring;

        Recorder(AtomicBoolean measuring) {
            this.measuring = measuring;
        }

        private String clientId;

        @Override
        public void acknowledged(int revision, long seq) {
            Long t0 = clientId == null ? null : firstEdit.get(clientId + "#" + seq);
            if (t0 != null && measuring.get()) {
                synchronized (latencies) {
                    ackLatencies.add(System.nanoTime() - t0);
                }
            }
        }

        @Override
        public void textChanged(Change c) {
            long now = System.nanoTime();
            String key = c.clientId() + "#" + c.seq();
            if (c.origin() != Origin.REMOTE) {
                clientId = c.clientId();
                firstEdit.putIfAbsent(key, now);
                return;
            }
            Long t0 = firstEdit.get(key);
            if (t0 != null && measuring.get()) {
                synchronized (latencies) {
                    latencies.add(now - t0);
                }
            }
        }
    }

    private void report(double elapsed, long edits, long committed) {
        long[] l;
        long[] acks;
        synchronized (latencies) {
            l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            acks = ackLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("docs", docs);
        out.put("seconds", Math.round(elapsed * 10) / 10.0);
        out.put("edits", edits);
        out.put("committedOps", committed);
        out.put("opsPerSecond", Math.round(committed / elapsed));
        out.put("editsPerSecond", Math.round(edits / elapsed));
        out.put("latencyP50Ms", percentileMs(l, 50));
        out.put("latencyP99Ms", percentileMs(l, 99));
        out.put("samples", l.length);
        out.put("ackP50Ms", percentileMs(acks, 50));
        out.put("ackP99Ms", percentileMs(acks, 99));
        if (json) {
            bench.main.ctx.printJson(out);
        } else {
            bench.main.ctx.out.printf("%d editors on %d docs for %.1f s: %d committed ops/s (%d edits/s typed);"
                    + " edit -> other editors p50 %s ms, p99 %s ms (%d samples); edit -> own ack p50 %s ms, p99 %s ms%n",
                    clients, docs, elapsed, out.get("opsPerSecond"), out.get("editsPerSecond"), out.get("latencyP50Ms"),
                    out.get("latencyP99Ms"), l.length, out.get("ackP50Ms"), out.get("ackP99Ms"));
        }
    }

    private static Double percentileMs(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1);
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }
}
