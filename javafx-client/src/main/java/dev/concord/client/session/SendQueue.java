package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session's writes, one in flight at a time, in the order they were queued. A write whose outcome
 * is unknown (no leader within the client's deadline) is re-sent under its first (clientId, seq)
 * until it gets an answer, so it applies exactly once and nothing queued behind it overtakes it.
 * Refusals (Result.Rejected, invalid input) fail that write only; the queue moves on.
 */
final class SendQueue {
    private static final long RETRY_MS = 300;

    private record Item(Write op, CompletableFuture<Result> done, Runnable onStart) {
    }

    private final ClusterClient.Writer writer;
    private final ScheduledExecutorService scheduler;
    private final Consumer<ConcordException> onTrouble;
    /** Guarded by {@code this}. */
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private Item inFlight;
    private long inFlightSeq;
    private boolean closed;

    SendQueue(ClusterClient.Writer writer, ScheduledExecutorService scheduler, Consumer<ConcordException> onTrouble) {
        this.writer = writer;
        this.scheduler = scheduler;
        this.onTrouble = onTrouble;
    }

    /** Queues a write; the future completes with its result, or fails with its refusal. */
    CompletableFuture<Result> submit(Write op, Runnable onStart) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                done.completeExceptionally(new ConcordException(ErrorCode.UNAVAILABLE, "chat session is closed; open a new one"));
                return done;
            }
            queue.addLast(new Item(op, done, onStart));
        }
        pump();
        return done;
    }

    synchronized int size() {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    private void pump() {
        Item next;
        synchronized (this) {
            if (closed || inFlight != null || queue.isEmpty()) {
                return;
            }
            next = inFlight = queue.pollFirst();
        }
        next.onStart().run();
        CompletableFuture<Result> attempt;
        try {
            long seq;
            synchronized (this) {
                seq = inFlightSeq = writer.nextSeq();
            }
            attempt = writer.submit(seq, next.op());
        } catch (ConcordException e) {
            finish(next, null, e);
            return;
        }
        attempt.whenComplete((r, err) -> answered(next, r, err));
    }

    private void resend(Item item) {
        long seq;
        synchronized (this) {
            if (closed || inFlight != item) {
                return;
            }
            seq = inFlightSeq;
        }
        writer.submit(seq, item.op()).whenComplete((r, err) -> answered(item, r, err));
    }

    private void answered(Item item, Result r, Throwable err) {
        if (err != null) {
            ConcordException e = unwrap(err);
            if (e.code().retryable()) {
                onTrouble.accept(e);
                scheduler.schedule(() -> resend(item), RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            finish(item, null, e);
        } else if (r instanceof Result.Rejected rej) {
            finish(item, null, new ConcordException(rej.code(), rej.message()));
        } else {
            finish(item, r, null);
        }
    }

    private void finish(Item item, Result r, ConcordException e) {
        synchronized (this) {
            if (inFlight == item) {
                inFlight = null;
            }
        }
        if (e != null) {
            item.done().completeExceptionally(e);
        } else {
            item.done().complete(r);
        }
        pump();
    }

    private static ConcordException unwrap(Throwable err) {
        Throwable t = err instanceof CompletionException || err instanceof ExecutionException ? err.getCause() : err;
        return t instanceof ConcordException c ? c : new ConcordException(ErrorCode.INTERNAL, String.valueOf(t), t);
    }

    /** Fails everything still queued; a write in flight may still apply (its outcome is unknown). */
    void close() {
        java.util.List<Item> dropped = new java.util.ArrayList<>();
        synchronized (this) {
            closed = true;
            dropped.addAll(queue);
            queue.clear();
            if (inFlight != null) {
                dropped.add(inFlight);
                inFlight = null;
            }
        }
        ConcordException e = new ConcordException(ErrorCode.UNAVAILABLE, "chat session closed before the write was"
                + " confirmed; check the conversation's history to see whether it arrived");
        dropped.forEach(i -> i.done().completeExceptionally(e));
    }
}
