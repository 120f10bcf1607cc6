package dev.concord.client.net;

import dev.concord.config.NodeAddress;
import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends writes to the leader, coalescing whatever is queued into one RPC (and so one log entry)
 * while up to {@code maxInFlight} RPCs are outstanding: one writer gets a round trip per write,
 * many writers share round trips. A failed RPC puts its writes back at the head of the queue, in
 * order, and they go out again under the same (clientId, seq) after a backoff with jitter, until
 * their deadline passes; then they fail with NO_QUORUM (outcome unknown: they may have committed).
 */
final class WritePipeline {
    /** Smallest batch sent while other RPCs are in flight. */
    static final int MIN_BUSY_BATCH = 16;

    record Pending(ClientWrite write, int bytes, long deadlineNanos, CompletableFuture<Result> done) {
    }

    private final RpcTransport transport;
    private final NodeRoute route;
    private final ScheduledExecutorService scheduler;
    private final ClientOptions options;
    private final ConnectionTracker tracker;
    /** Guarded by {@code this}, with {@link #inFlight} and {@link #resumeAtNanos}. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;
    private long resumeAtNanos;
    private int failures;

    WritePipeline(RpcTransport transport, NodeRoute route, ScheduledExecutorService scheduler,
                  ClientOptions options, ConnectionTracker tracker) {
        this.transport = transport;
        this.route = route;
        this.scheduler = scheduler;
        this.options = options;
        this.tracker = tracker;
    }

    CompletableFuture<Result> submit(ClientWrite w) {
        CompletableFuture<Result> f = new CompletableFuture<>();
        int bytes = 64 + w.clientId().length() + w.op().sizeHint();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.deadlineMs());
        synchronized (this) {
            queue.addLast(new Pending(w, bytes, deadline, f));
        }
        pump();
        return f;
    }

    private void pump() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (this) {
                // Send at once when idle (one writer pays one round trip); while busy, only a batch
                // worth a round trip goes out beside the ones in flight, else writes wait and join.
                // A write that fills a batch alone (a file chunk) is always worth one.
                boolean worthIt = inFlight == 0 || queue.size() >= MIN_BUSY_BATCH
                        || (!queue.isEmpty() && queue.peekFirst().bytes() >= options.maxBatchBytes());
                if (queue.isEmpty() || !worthIt || inFlight >= options.maxInFlight()
                        || System.nanoTime() - resumeAtNanos < 0) {
                    return;
                }
                int bytes = 0;
                while (!queue.isEmpty() && batch.size() < options.maxBatch()
                        && (batch.isEmpty() || bytes + queue.peekFirst().bytes() <= options.maxBatchBytes())) {
                    Pending p = queue.pollFirst();
                    bytes += p.bytes();
                    batch.add(p);
                }
                inFlight++;
            }
            send(batch);
        }
    }

    private void send(List<Pending> batch) {
        NodeAddress target = route.target();
        List<ClientWrite> writes = batch.stream().map(Pending::write).toList();
        Frames.WriteFrame frame = Payloads.writeFrame(new WriteBatch(Limits.PROTOCOL, writes));
        transport.call(target, frame, options.rpcTimeoutMs())
                .whenComplete((resp, err) -> handle(target, batch, resp, err));
    }

    private void handle(NodeAddress target, List<Pending> batch, Response resp, Throwable err) {
        synchronized (this) {
            inFlight--;
        }
        if (err != null) {
            route.failed(target);
            retry(batch, err.getCause() instanceof ConcordException c ? c.getMessage() : messageOf(err), true);
        } else if (resp instanceof Response.Results r && r.results().size() == batch.size()) {
            synchronized (this) {
                failures = 0;
            }
            route.confirmed(target);
            tracker.connected(target);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(r.results().get(i));
            }
        } else if (resp instanceof Response.Failure f && f.code() == ErrorCode.NOT_LEADER) {
            boolean redirected = route.redirect(f.leader(), target);
            retry(batch, "node " + target.id() + ": " + f.message(), !redirected);
        } else if (resp instanceof Response.Failure f && f.code().retryable()) {
            retry(batch, "node " + target.id() + ": " + f.message(), true);
        } else if (resp instanceof Response.Failure f) {
            ConcordException e = new ConcordException(f.code(), f.message());
            batch.forEach(p -> p.done().completeExceptionally(e));
        } else {
            ConcordException e = new ConcordException(ErrorCode.INTERNAL, "unexpected reply " + resp);
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
        pump();
    }

    private static String messageOf(Throwable err) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        return t.getMessage();
    }

    private void retry(List<Pending> batch, String reason, boolean backoff) {
        long now = System.nanoTime();
        List<Pending> keep = new ArrayList<>();
        boolean expired = false;
        for (Pending p : batch) {
            if (p.deadlineNanos() - now <= 0) {
                expired = true;
                p.done().completeExceptionally(new ConcordException(ErrorCode.NO_QUORUM,
                        "no leader accepted the write within " + options.deadlineMs() + " ms (last: " + reason
                                + "); a majority of nodes may be down: check bin/concord cluster status."
                                + " The write may or may not have been applied"));
            } else {
                keep.add(p);
            }
        }
        if (expired) {
            tracker.noQuorum(reason);
        } else {
            tracker.reconnecting(reason);
        }
        long delayMs;
        synchronized (this) {
            for (int i = keep.size() - 1; i >= 0; i--) {
                queue.addFirst(keep.get(i));
            }
            delayMs = backoff ? Backoff.delayMs(failures++) : 0;
            resumeAtNanos = Math.max(resumeAtNanos, now + TimeUnit.MILLISECONDS.toNanos(delayMs));
        }
        scheduler.schedule(this::pump, delayMs, TimeUnit.MILLISECONDS);
    }
}
