package dev.concord.client.session;

import dev.concord.client.net.CaretCalls;
import dev.concord.ot.Selection;
import dev.concord.protocol.Response;
import dev.concord.protocol.presence.Caret;
import dev.concord.protocol.presence.CaretRequest;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This viewer's caret in one document, shared with the other viewers through the leader (see
 * {@link CaretRequest}), and theirs coming back. No UI types; the listener runs on the channel's
 * own thread.
 *
 * <p>Publishing is throttled to one request per {@link #MIN_INTERVAL_MS} (the latest selection
 * wins; moves in between are never queued up) and repeated every {@link #HEARTBEAT_MS} so the
 * leader's entry does not expire and a new leader learns it. Watching is a long-poll loop; after a
 * failure it backs off and publishes again, since a new leader starts with an empty table.
 */
public final class CaretChannel implements AutoCloseable {
    /** At most ten publishes a second. */
    public static final long MIN_INTERVAL_MS = 100;
    static final long HEARTBEAT_MS = 2_000;
    static final long WATCH_MS = 5_000;

    /** Receives the other viewers' carets, in server coordinates, after every change. */
    @FunctionalInterface
    public interface Listener {
        void carets(List<Caret> others);
    }

    private final CaretCalls calls;
    private final DocumentSession doc;
    private final String user;
    private final String token;
    private final Listener listener;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "concord-carets");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by {@code this}. */
    private Caret latest;
    private boolean publishScheduled;
    private long lastPublishNanos;
    private long version;
    private int watchFailures;
    private volatile boolean closed;

    /**
     * @param user the name shown beside this caret (the leader uses the account's name instead when {@code token} is set)
     * @param token the session token, or null without accounts
     */
    public CaretChannel(CaretCalls calls, DocumentSession doc, String user, String token, Listener listener) {
        this.calls = calls;
        this.doc = doc;
        this.user = user;
        this.token = token;
        this.listener = listener;
        run(this::watch);
        executor.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The local selection changed. Call it on the session's inbox thread (the UI thread), right
     * after the change, so the selection and the session's text agree.
     */
    public void moved(Selection local) {
        Caret c = doc.caret(user, local);
        synchronized (this) {
            latest = c;
            if (publishScheduled) {
                return;
            }
            publishScheduled = true;
            long waitNanos = lastPublishNanos + TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS) - System.nanoTime();
            schedule(this::publish, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        }
    }

    private void publish() {
        Caret c;
        synchronized (this) {
            publishScheduled = false;
            lastPublishNanos = System.nanoTime();
            c = latest;
        }
        if (c != null && !closed) {
            calls.call(new CaretRequest.Publish(doc.id(), c), token);
        }
    }

    private void heartbeat() {
        synchronized (this) {
            if (publishScheduled || latest == null) {
                return;
            }
            publishScheduled = true;
        }
        publish();
    }

    private void watch() {
        long after;
        synchronized (this) {
            after = version;
        }
        calls.call(new CaretRequest.Watch(doc.id(), after, WATCH_MS), token).whenComplete((r, err) -> {
            if (closed) {
                return;
            }
            if (err != null) {
                long delay;
                synchronized (this) {
                    delay = Math.min(2_000, 200L << Math.min(watchFailures++, 4));
                }
                schedule(this::heartbeat, delay, TimeUnit.MILLISECONDS);
                schedule(this::watch, delay, TimeUnit.MILLISECONDS);
                return;
            }
            boolean fresh;
            synchronized (this) {
                watchFailures = 0;
                fresh = r.version() != version;
                version = r.version();
            }
            if (fresh) {
                deliver(r);
            }
            run(this::watch);
        });
    }

    private void deliver(Response.Carets r) {
        String self = doc.clientId();
        listener.carets(r.carets().stream().filter(c -> !c.clientId().equals(self)).toList());
    }

    private void run(Runnable r) {
        schedule(r, 0, TimeUnit.MILLISECONDS);
    }

    private void schedule(Runnable r, long delay, TimeUnit unit) {
        try {
            executor.schedule(r, delay, unit);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Stops watching and removes this viewer's caret from the leader at once. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        // Off the caller's thread: reaching the leader may mean connecting, and a UI closes tabs.
        java.util.concurrent.CompletableFuture.runAsync(() -> calls.call(new CaretRequest.Leave(doc.id(), doc.clientId()), token));
    }
}
