package dev.concord.server.feed;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Response;
import dev.concord.protocol.presence.Caret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collaborators' carets per document, in the leader's memory only.
 *
 * <p>Why not in the log: a caret moves many times a second and is worthless a moment later;
 * replicating it would spend a log entry per keystroke per viewer and replay stale positions
 * after a restart. Why on the leader: every client already follows the leader (its writes and
 * event feed go there), so one table sees every viewer and can fan out to all of them. When the
 * leader changes, the new table starts empty and fills again within one client heartbeat.
 *
 * <p>Invariants: an entry lives {@link #TTL_MS} after its last publish; every change to a
 * document's entries (set, move, leave, expiry) gives it a new {@code version}, and each parked
 * watch of that document is answered exactly once, on a change or at its deadline. Versions start
 * at a random value per table, so a watch carried over from another leader sees a difference.
 */
public final class CaretTable implements AutoCloseable {
    /** How long a caret outlives its last publish; clients republish every 2 s while open. */
    public static final long TTL_MS = 6_000;
    /** Most carets in one document and in the whole table: bounds memory against a flood. */
    public static final int MAX_PER_DOC = 256;
    public static final int MAX_TOTAL = 20_000;

    private record Entry(Caret caret, long expiresNanos) {
    }

    private record Waiter(long after, long deadlineNanos, Consumer<Response.Carets> reply) {
    }

    private static final class Doc {
        final Map<String, Entry> carets = new TreeMap<>();
        final List<Waiter> waiters = new ArrayList<>();
        long version;
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "concord-carets");
        t.setDaemon(true);
        return t;
    });
    /** Guarded by {@code this}. */
    private final Map<Long, Doc> docs = new HashMap<>();
    private long nextVersion = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    private int total;

    public CaretTable() {
        timer.scheduleWithFixedDelay(this::sweep, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Sets or moves a caret and answers with the document's carets (the caller's own included). */
    public Response.Carets publish(long docId, Caret caret) {
        List<Waiter> wake;
        Response.Carets now;
        synchronized (this) {
            Doc doc = docs.computeIfAbsent(docId, id -> new Doc());
            Entry old = doc.carets.get(caret.clientId());
            if (old == null && (doc.carets.size() >= MAX_PER_DOC || total >= MAX_TOTAL)) {
                throw new ConcordException(ErrorCode.TOO_LARGE, "too many collaborators' carets on this node ("
                        + total + "); close some editors or try again later");
            }
            if (old == null) {
                total++;
            }
            doc.carets.put(caret.clientId(), new Entry(caret, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TTL_MS)));
            if (old != null && old.caret().equals(caret)) {
                return snapshot(docId, doc); // a heartbeat: nothing for watchers to see
            }
            wake = changed(doc);
            now = snapshot(docId, doc);
        }
        answer(wake, now);
        return now;
    }

    public Response.Carets leave(long docId, String clientId) {
        List<Waiter> wake;
        Response.Carets now;
        synchronized (this) {
            Doc doc = docs.get(docId);
            if (doc == null || doc.carets.remove(clientId) == null) {
                return doc == null ? new Response.Carets(docId, 0, List.of()) : snapshot(docId, doc);
            }
            total--;
            wake = changed(doc);
            now = snapshot(docId, doc);
            dropIfIdle(docId, doc);
        }
        answer(wake, now);
        return now;
    }

    /** Answers through {@code reply} once the document's version differs from {@code after}, or at the deadline. */
    public void watch(long docId, long after, long waitMs, Consumer<Response.Carets> reply) {
        Response.Carets now;
        synchronized (this) {
            Doc doc = docs.computeIfAbsent(docId, id -> new Doc());
            if (doc.version == 0) {
                doc.version = nextVersion++;
            }
            if (doc.version == after && waitMs > 0) {
                doc.waiters.add(new Waiter(after, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs), reply));
                timer.schedule(this::expireWaits, waitMs + 1, TimeUnit.MILLISECONDS);
                return;
            }
            now = snapshot(docId, doc);
        }
        reply.accept(now);
    }

    /** Carets currently held, for tests and status. */
    public synchronized int size() {
        return total;
    }

    private List<Waiter> changed(Doc doc) {
        doc.version = nextVersion++;
        List<Waiter> wake = new ArrayList<>(doc.waiters);
        doc.waiters.clear();
        return wake;
    }

    private static Response.Carets snapshot(long docId, Doc doc) {
        List<Caret> carets = new ArrayList<>(doc.carets.size());
        doc.carets.values().forEach(e -> carets.add(e.caret()));
        return new Response.Carets(docId, doc.version, carets);
    }

    private void dropIfIdle(long docId, Doc doc) {
        if (doc.carets.isEmpty() && doc.waiters.isEmpty()) {
            docs.remove(docId);
        }
    }

    private static void answer(List<Waiter> waiters, Response.Carets now) {
        waiters.forEach(w -> w.reply().accept(now));
    }

    /** Drops expired carets and wakes the watchers of the documents they were in. */
    void sweep() {
        long now = System.nanoTime();
        List<Runnable> replies = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<Long, Doc>> it = docs.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, Doc> e = it.next();
                Doc doc = e.getValue();
                int before = doc.carets.size();
                doc.carets.values().removeIf(c -> c.expiresNanos() - now <= 0);
                int gone = before - doc.carets.size();
                if (gone > 0) {
                    total -= gone;
                    List<Waiter> wake = changed(doc);
                    Response.Carets snap = snapshot(e.getKey(), doc);
                    replies.add(() -> answer(wake, snap));
                }
                if (doc.carets.isEmpty() && doc.waiters.isEmpty()) {
                    it.remove();
                }
            }
        }
        replies.forEach(Runnable::run);
    }

    private void expireWaits() {
        long now = System.nanoTime();
        List<Runnable> replies = new ArrayList<>();
        synchronized (this) {
            docs.forEach((id, doc) -> {
                List<Waiter> due = new ArrayList<>();
                doc.waiters.removeIf(w -> w.deadlineNanos() - now <= 0 && due.add(w));
                if (!due.isEmpty()) {
                    Response.Carets snap = snapshot(id, doc);
                    replies.add(() -> answer(due, snap));
                }
            });
        }
        replies.forEach(Runnable::run);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
