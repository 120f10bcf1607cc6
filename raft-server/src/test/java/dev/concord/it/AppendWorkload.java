package dev.concord.it;

import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers appending unique texts to one stream, each through its own (clientId, seq) identity,
 * recording what was acknowledged (with its offset) and what failed.
 */
final class AppendWorkload implements AutoCloseable {
    final Map<String, Long> acked = new ConcurrentHashMap<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    AppendWorkload(ClusterClient client, String stream, int writers) {
        for (int w = 0; w < writers; w++) {
            ClusterClient.Writer writer = client.newWriter();
            int id = w;
            Thread t = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String text = "w" + id + "-" + i;
                    try {
                        Result r = ClusterClient.await(writer.submit(new Write.StreamAppend(stream, text)));
                        if (r instanceof Result.Appended a) {
                            acked.put(text, a.offset());
                            count.incrementAndGet();
                        } else {
                            failed.add(text);
                            errors.add(new AssertionError("rejected: " + r));
                        }
                    } catch (ConcordException e) {
                        failed.add(text);
                        errors.add(e);
                    }
                }
            }, "append-" + w);
            threads.add(t);
            t.start();
        }
    }

    /** Stops the writers and waits for their last writes to finish. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
