package dev.concord.server.feed;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Response;
import dev.concord.server.state.StateReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Long-poll subscriptions to committed events, outside the state machine. A poll that finds events
 * after its index answers at once; otherwise it parks until an apply passes its index or its wait
 * runs out (then it answers an empty page whose {@code last} still advances the subscriber).
 *
 * <p>Long-poll rather than push: it works unchanged against any node, needs no client-side server,
 * and resuming after a failover is just the next poll from the last index.
 */
public final class Feed implements AutoCloseable {
    private final StateReader reader;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "concord-feed");
        t.setDaemon(true);
        return t;
    });
    /** Parked polls; guarded by {@code this}, together with {@link #applied}. */
    private final List<Waiter> waiters = new ArrayList<>();
    private long applied;

    private record Waiter(long after, int limit, long deadlineNanos, Consumer<Response> reply) {
    }

    public Feed(StateReader reader) {
        this.reader = reader;
    }

    /** Answers through {@code reply} with an {@link Response.EventPage} or a {@link Response.Failure}. */
    public void poll(long after, int limit, long waitMs, Consumer<Response> reply) {
        synchronized (this) {
            if (applied <= after && waitMs > 0) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(waitMs, 60_000));
                waiters.add(new Waiter(after, limit, deadline, reply));
                timer.schedule(this::expire, Math.min(waitMs, 60_000) + 1, TimeUnit.MILLISECONDS);
                return;
            }
        }
        answer(after, limit, reply);
    }

    /** Called by the state machine after each committed batch. */
    public void applied(long index) {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            applied = Math.max(applied, index);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.after() < applied) {
                    ready.add(w);
                    it.remove();
                }
            }
        }
        if (!ready.isEmpty()) {
            // Off the state-machine thread: building pages reads RocksDB.
            timer.execute(() -> ready.forEach(w -> answer(w.after(), w.limit(), w.reply())));
        }
    }

    private void expire() {
        List<Waiter> due = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.deadlineNanos() - now <= 0) {
                    due.add(w);
                    it.remove();
                }
            }
        }
        due.forEach(w -> answer(w.after(), w.limit(), w.reply()));
    }

    private void answer(long after, int limit, Consumer<Response> reply) {
        try {
            reply.accept(reader.events(after, limit));
        } catch (ConcordException e) {
            reply.accept(new Response.Failure(e.code(), e.getMessage(), null));
        } catch (RuntimeException e) {
            reply.accept(new Response.Failure(dev.concord.protocol.ErrorCode.UNAVAILABLE,
                    "node is restoring its state (" + e.getMessage() + "); retry", null));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
