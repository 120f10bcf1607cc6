package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.DocumentListener.Change;
import dev.concord.client.session.DocumentListener.Origin;
import dev.concord.ot.OtClient;
import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;
import dev.concord.ot.UndoManager;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.presence.Caret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One open document kept in step with the cluster. Local edits change the local text at once and
 * go to {@link OtClient}, which keeps one op in flight and composes later edits into a buffer.
 * Remote ops come from the event feed in revision order and are transformed past the pending local
 * ops before they are applied. The session's own op is acknowledged by whichever arrives first: a
 * result naming the next revision, or the op's own event in the feed (matched by clientId and seq).
 *
 * <p><b>Unknown outcomes.</b> When a send still fails after the client library's retries (NO_QUORUM
 * after its deadline, TIMEOUT), the op may have committed or not. The session never drops it: it
 * re-sends the same (clientId, seq) with backoff until an answer comes. The exactly-once table
 * answers a committed seq with its first result, and the feed delivers its event either way.
 *
 * <p><b>Threads.</b> Everything that changes the text from outside (remote revisions, results,
 * renames) runs on the session's <em>inbox</em> executor, in arrival order. A UI passes its own
 * thread as the inbox and calls {@link #apply}, {@link #undo} and {@link #redo} on it too: then
 * the editor's text and the session's can never differ by a change in flight between threads.
 * Sends run on a session thread, so a slow connect never blocks the caller.
 *
 * <p><b>Invariants.</b> {@code text} is the server text at {@code ot.revision()} with the outstanding
 * and buffered local ops applied; the undo stacks start from {@code text}. All state is guarded by
 * {@code this}.
 *
 * <p><b>Carets.</b> {@link #caret} expresses the local selection in server coordinates at
 * {@code ot.revision()}; {@link #localSelection} brings a collaborator's caret, taken at any recent
 * revision, into the local text (see {@link SessionCarets}).
 */
public final class DocumentSession implements AutoCloseable {
    private static final int UNDO_DEPTH = 500;

    private final ClusterClient.Writer writer;
    private final long id;
    private final DocumentListener listener;
    private final OtClient ot;
    private final UndoManager undo = new UndoManager(UNDO_DEPTH);
    private final ScheduledExecutorService callbacks;
    private final Executor inbox;
    private final SessionCarets carets = new SessionCarets();
    private final DocumentFeed feed;
    private final List<Long> acknowledged = new ArrayList<>();
    private String path;
    private String text;
    private ConcordException failure;
    private boolean closed;
    private int resends;
    private long resent;

    private DocumentSession(ClusterClient client, Response.DocText snapshot, DocumentListener listener, Executor inbox) {
        this.writer = client.writer("s-" + UUID.randomUUID(), 1);
        this.id = snapshot.id();
        this.path = snapshot.path();
        this.text = snapshot.text();
        this.listener = listener;
        this.ot = new OtClient(snapshot.revision(), this::send);
        this.callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concord-session-" + id);
            t.setDaemon(true);
            return t;
        });
        this.inbox = inbox != null ? inbox : callbacks;
        this.feed = new DocumentFeed(client, id, snapshot.revision(), new FeedSink(), callbacks);
    }

    /** Opens the document at {@code path}: a linearizable snapshot, then the feed from that point. */
    public static DocumentSession open(ClusterClient client, String path, DocumentListener listener) {
        return open(client, path, listener, null);
    }

    /**
     * As {@link #open(ClusterClient, String, DocumentListener)}, with every outside change and
     * listener call (but those caused by the caller's own edits) on {@code inbox}; null: a session thread.
     * Blocks for the snapshot read: call it off a UI thread.
     */
    public static DocumentSession open(ClusterClient client, String path, DocumentListener listener, Executor inbox) {
        Response.DocText t = (Response.DocText) client.read(new Query.DocOpen(path));
        DocumentSession s = new DocumentSession(client, t, listener, inbox);
        s.feed.start(t.index());
        return s;
    }

    public long id() {
        return id;
    }

    public String clientId() {
        return writer.clientId();
    }

    public synchronized String path() {
        return path;
    }

    public synchronized String text() {
        return text;
    }

    /** The server revision incorporated so far. */
    public synchronized int revision() {
        return ot.revision();
    }

    /** True when every local edit has been acknowledged. */
    public synchronized boolean isSynchronized() {
        return ot.state() instanceof OtClient.Synchronized;
    }

    /** Why the session stopped, or null while it runs. */
    public synchronized ConcordException failure() {
        return failure;
    }

    /** Seqs of this session's writes the cluster has acknowledged, in order. */
    public synchronized List<Long> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** How many times an edit whose outcome was unknown has been re-sent under its seq. */
    public synchronized long resent() {
        return resent;
    }

    public synchronized void insert(int pos, String s) {
        requireRange(pos, 0);
        apply(TextOperation.builder().retain(pos).insert(s).retain(text.length() - pos).build());
    }

    public synchronized void delete(int pos, int n) {
        requireRange(pos, n);
        apply(TextOperation.builder().retain(pos).delete(n).retain(text.length() - pos - n).build());
    }

    /**
     * Applies the user's edit {@code op} to the local text and sends it.
     *
     * @throws IllegalArgumentException if {@code op} does not fit the text or cuts a surrogate pair
     * @throws ConcordException if the session has stopped
     */
    public synchronized void apply(TextOperation op) {
        edit(op, Origin.LOCAL);
    }

    /** Reverts this user's latest edit still undoable; false when there is none. */
    public synchronized boolean undo() {
        requireRunning();
        Optional<TextOperation> op = undo.undo(text);
        op.ifPresent(o -> edit(o, Origin.UNDO));
        return op.isPresent();
    }

    public synchronized boolean redo() {
        requireRunning();
        Optional<TextOperation> op = undo.redo(text);
        op.ifPresent(o -> edit(o, Origin.REDO));
        return op.isPresent();
    }

    /** The local selection {@code local} as a caret other viewers can place; see {@link SessionCarets}. */
    public synchronized Caret caret(String user, Selection local) {
        return carets.publish(clientId(), user, ot, local);
    }

    /** Where a collaborator's caret falls in the local text now; empty while it cannot be placed. */
    public synchronized Optional<Selection> localSelection(Caret remote) {
        return carets.place(remote, ot, text.length());
    }

    /** Waits until every local edit is acknowledged (true) or the time runs out or the session stops (false). */
    public synchronized boolean awaitSynchronized(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isSynchronized() && failure == null && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return isSynchronized();
    }

    private void edit(TextOperation op, Origin origin) {
        requireRunning();
        if (op.isNoop()) {
            op.requireBaseLength(text.length());
            return;
        }
        String before = text;
        text = op.apply(text);
        if (origin == Origin.LOCAL) {
            undo.recordLocal(op, before);
        }
        ot.applyClient(op);
        long seq = ot.state() instanceof OtClient.AwaitingWithBuffer ? ot.lastSentSeq() + 1 : ot.lastSentSeq();
        listener.textChanged(new Change(op, text, ot.revision(), origin, clientId(), clientId(), seq));
    }

    /**
     * OtClient's sender: called with the lock held, so it only queues the send on the session
     * thread (one at a time, in order; connecting to a node may take a while). Answers come back
     * on the inbox.
     */
    private void send(int base, long seq, TextOperation op) {
        post(callbacks, () -> {
            CompletableFuture<Result> f;
            try {
                f = writer.submit(seq, new Write.DocSubmit(id, base, op));
            } catch (ConcordException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((r, e) -> post(inbox, () -> onResult(seq, r, e)));
        });
    }

    /** Runs {@code r} on {@code executor} unless the session has shut it down. */
    private static void post(Executor executor, Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            // closed: nothing is waiting for it
        }
    }

    private synchronized void onResult(long seq, Result r, Throwable e) {
        if (closed || failure != null || !awaiting(seq)) {
            return; // already acknowledged through the feed, or abandoned
        }
        if (e != null) {
            ConcordException c = e instanceof CompletionException && e.getCause() != null
                    ? asConcord(e.getCause()) : asConcord(e);
            if (!c.code().retryable()) {
                fail(c);
                return;
            }
            listener.trouble(c);
            long delay = Math.min(2_000, 100L << Math.min(resends++, 4));
            callbacks.schedule(() -> post(inbox, () -> resend(seq)), delay, TimeUnit.MILLISECONDS);
        } else if (r instanceof Result.DocCommitted dc) {
            if (dc.revision() == ot.revision() + 1) {
                acknowledge();
            }
            // Otherwise remote revisions before it are still in the feed; its own event acknowledges it.
        } else if (r instanceof Result.Rejected rej) {
            fail(new ConcordException(rej.code(), "the cluster refused this session's edit: " + rej.message()
                    + "; reopen the document"));
        }
    }

    private synchronized void resend(long seq) {
        if (!closed && failure == null && awaiting(seq)) {
            resent++;
            ot.serverReconnect();
        }
    }

    private boolean awaiting(long seq) {
        return !(ot.state() instanceof OtClient.Synchronized) && ot.lastSentSeq() == seq;
    }

    private void acknowledge() {
        long seq = ot.lastSentSeq();
        carets.committed(ot.revision() + 1, SessionCarets.outstanding(ot), clientId());
        ot.serverAck();
        acknowledged.add(seq);
        resends = 0;
        listener.acknowledged(ot.revision(), seq);
        notifyAll();
    }

    /** The feed's view of this session. */
    private final class FeedSink implements DocumentFeed.Sink {
        @Override
        public void revision(int rev, TextOperation op, String author, String clientId, long seq) {
            post(inbox, () -> remote(rev, op, author, clientId, seq));
        }

        @Override
        public void renamed(String newPath) {
            post(inbox, () -> {
                synchronized (DocumentSession.this) {
                    path = newPath;
                    listener.renamed(newPath);
                }
            });
        }

        @Override
        public void deleted(String oldPath, String by) {
            failed(new ConcordException(ErrorCode.NOT_FOUND, oldPath + " was deleted (by " + by
                    + "); copy out what you need, then close it"));
        }

        @Override
        public void trouble(ConcordException problem) {
            post(inbox, () -> {
                synchronized (DocumentSession.this) {
                    listener.trouble(problem);
                }
            });
        }

        @Override
        public void failed(ConcordException reason) {
            post(inbox, () -> {
                synchronized (DocumentSession.this) {
                    fail(reason);
                }
            });
        }
    }

    /** Incorporates revision {@code rev}; the feed delivers each revision once, in order. */
    private synchronized void remote(int rev, TextOperation op, String author, String clientId, long seq) {
        int have = ot.revision();
        if (closed || failure != null || rev <= have) {
            return; // our own revision, already acknowledged by its result
        }
        if (rev > have + 1) {
            fail(new ConcordException(ErrorCode.INTERNAL, "revision " + rev + " arrived while the session is at "
                    + have + "; reopen the document and report this"));
            return;
        }
        if (clientId.equals(clientId()) && awaiting(seq)) {
            acknowledge();
            return;
        }
        try {
            carets.committed(rev, op, clientId);
            TextOperation local = ot.applyServer(have, op);
            text = local.apply(text);
            undo.transformAgainstRemote(local);
            listener.textChanged(new Change(local, text, ot.revision(), Origin.REMOTE, author, clientId, seq));
        } catch (RuntimeException ex) {
            fail(new ConcordException(ErrorCode.INTERNAL, "remote revision " + rev + " does not fit the local text ("
                    + ex.getMessage() + "); reopen the document and report this"));
        }
    }

    private void fail(ConcordException reason) {
        if (failure == null) {
            failure = reason;
            feed.close();
            listener.failed(reason);
            notifyAll();
        }
    }

    private void requireRunning() {
        if (failure != null) {
            throw new ConcordException(failure.code(), "document session stopped: " + failure.getMessage());
        }
        if (closed) {
            throw new IllegalStateException("document session is closed; open the document again");
        }
    }

    private void requireRange(int pos, int n) {
        if (pos < 0 || n < 0 || pos + n > text.length()) {
            throw new IllegalArgumentException("range " + pos + ".." + (pos + n) + " is outside the text (0.."
                    + text.length() + " UTF-16 chars)");
        }
    }

    private static ConcordException asConcord(Throwable t) {
        return t instanceof ConcordException c ? c : new ConcordException(ErrorCode.INTERNAL, String.valueOf(t), t);
    }

    /** Stops following the document. Unacknowledged edits may or may not land: call {@link #awaitSynchronized} first. */
    @Override
    public synchronized void close() {
        closed = true;
        feed.close();
        callbacks.shutdownNow();
        notifyAll();
    }
}
