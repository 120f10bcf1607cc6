package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.Accounts;
import dev.concord.client.session.ChatSession;
import dev.concord.client.session.Outgoing;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.Message;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord bench chat}: S senders send direct messages round-robin to R receivers through
 * {@link ChatSession}s (one message in flight per sender), for T seconds. Reports committed
 * messages per second and send-to-receive latency (send call to the receiver's feed delivering it;
 * both ends in this process, so one clock). Bench accounts are created and deleted again.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat throughput and send-to-receive latency through the live feed.")
final class ChatBench implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    BenchCommand bench;
    @Option(names = "--senders", defaultValue = "4", paramLabel = "S", description = "sending users (default 4)")
    int senders;
    @Option(names = "--receivers", defaultValue = "4", paramLabel = "R", description = "receiving users (default 4)")
    int receivers;
    @Option(names = "--seconds", defaultValue = "10", paramLabel = "T", description = "how long to send (default 10)")
    int seconds;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    private record User(String name, String password, String token) {
    }

    @Override
    public Integer call() throws Exception {
        if (senders < 1 || receivers < 1 || seconds < 1 || senders + receivers > 200) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "--senders and --receivers must be >= 1 (200 in all), --seconds >= 1");
        }
        CliContext ctx = bench.main.ctx;
        ClusterClient client = ctx.client();
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        ctx.err.println("creating " + (senders + receivers) + " bench users (bench-" + run + "-*)...");
        List<User> users = new ArrayList<>();
        List<ChatSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < senders + receivers; i++) {
                users.add(account(client, "bench-" + run + (i < senders ? "-s" + i : "-r" + (i - senders))));
            }
            AtomicLongArray latencies = new AtomicLongArray(1 << 20);
            AtomicLong received = new AtomicLong();
            for (int i = 0; i < senders + receivers; i++) {
                User u = users.get(i);
                ChatSession.Listener l = i < senders ? new ChatSession.Listener() { } : new ChatSession.Listener() {
                    @Override
                    public void message(Message m) {
                        long now = System.nanoTime();
                        if (m.text() != null && m.text().startsWith("bench ")) {
                            long sent = Long.parseLong(m.text().substring(6, m.text().indexOf(' ', 6)));
                            long n = received.getAndIncrement();
                            if (n < latencies.length()) {
                                latencies.set((int) n, now - sent);
                            }
                        }
                    }
                };
                sessions.add(ChatSession.open(client, u.name(), u.token(), l));
            }
            ctx.err.println("sending for " + seconds + " s...");
            AtomicBoolean go = new AtomicBoolean(true);
            AtomicLong committed = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                ChatSession from = sessions.get(s);
                int first = s;
                Thread t = new Thread(() -> {
                    for (long k = first; go.get(); k++) {
                        String to = users.get(senders + (int) (k % receivers)).name();
                        Outgoing o = from.send(to, "bench " + System.nanoTime() + " " + k);
                        try {
                            o.sent().get(30, TimeUnit.SECONDS);
                            committed.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                }, "bench-sender-" + s);
                t.start();
                threads.add(t);
            }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            go.set(false);
            for (Thread t : threads) {
                t.join(35_000);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.get() < committed.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            report(ctx, committed.get(), received.get(), elapsed, latencies);
            return 0;
        } finally {
            sessions.forEach(ChatSession::close);
            for (User u : users) {
                try {
                    client.newWriter(u.token()).submit(new Write.Chat(new ChatOp.DeleteAccount(u.password())))
                            .get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    ctx.err.println("could not delete bench user " + u.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private static User account(ClusterClient client, String name) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Accounts.signup(client, name, password);
        return new User(name, password, Accounts.login(client, name, password).token());
    }

    private void report(CliContext ctx, long committed, long received, double elapsed, AtomicLongArray latencies) {
        int n = (int) Math.min(received, latencies.length());
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = latencies.get(i);
        }
        java.util.Arrays.sort(sorted);
        double rate = committed / elapsed;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("senders", senders);
        out.put("receivers", receivers);
        out.put("seconds", Math.round(elapsed * 10) / 10.0);
        out.put("committed", committed);
        out.put("received", received);
        out.put("messagesPerSecond", Math.round(rate * 10) / 10.0);
        out.put("p50Ms", millis(sorted, 0.50));
        out.put("p99Ms", millis(sorted, 0.99));
        out.put("maxMs", n == 0 ? null : Math.round(sorted[n - 1] / 1e5) / 10.0);
        if (json) {
            ctx.printJson(out);
        } else {
            ctx.out.printf("%d senders -> %d receivers, %.1f s: %d committed (%.1f msg/s), %d received;"
                    + " send->receive p50 %s ms, p99 %s ms, max %s ms%n", senders, receivers, elapsed, committed, rate,
                    received, out.get("p50Ms"), out.get("p99Ms"), out.get("maxMs"));
        }
    }

    private static Double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, i)] / 1e5) / 10.0;
    }
}
