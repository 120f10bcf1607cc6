package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.DocumentListener.Change;
import dev.concord.client.session.DocumentListener.Origin;
import dev.concord.ot.OtClient;
import dev.concord.ot.TextOperation;
import dev.concord.ot.UndoManager;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
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
 * <p><b>Invariants.</b> {@code text} is the server text at {@code ot.revision()} with the outstanding
 * and buffered local ops applied; the undo stacks start from {@code text}. All state is guarded by
 * {@code this}. Presence (other users' carets) is not here yet.
 */
public final class DocumentSession implements AutoCloseable {
    private static final int UNDO_DEPTH = 500;

    private final ClusterClient.Writer writer;
    private final long id;
    private final DocumentListener listener;
    private final OtClient ot;
    private final UndoManager undo = new UndoManager(UNDO_DEPTH);
    private final ScheduledExecutorService callbacks;
    private final DocumentFeed feed;
    private final List<Long> acknowledged = new ArrayList<>();
    private String path;
    private String text;
    private ConcordException failure;
    private boolean closed;
    private int resends;
    private long resent;

    private DocumentSession(ClusterClient client, Response.DocText snapshot, DocumentListener listener) {
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
        this.feed = new DocumentFeed(client, id, new FeedSink(), callbacks);
    }

    /** Opens the document at {@code path}: a linearizable snapshot, then the feed from that point. */
    public static DocumentSession open(ClusterClient client, String path, DocumentListener listener) {
        Response.DocText t = (Response.DocText) client.read(new Query.DocOpen(path));
        DocumentSession s = new DocumentSession(client, t, listener);
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

    /** OtClient's sender: called with the lock held; answers come back on the session thread. */
    private void send(int base, long seq, TextOperation op) {
        CompletableFuture<Result> f;
        try {
            f = writer.submit(seq, new Write.DocSubmit(id, base, op));
        } catch (ConcordException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenCompleteAsync((r, e) -> onResult(seq, r, e), callbacks);
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
            callbacks.schedule(() -> resend(seq), delay, TimeUnit.MILLISECONDS);
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
        ot.serverAck();
        acknowledged.add(seq);
        resends = 0;
        listener.acknowledged(ot.revision(), seq);
        notifyAll();
    }

    /** The feed's view of this session. */
    private final class FeedSink implements DocumentFeed.Sink {
        @Override
        public boolean revision(int rev, TextOperation op, String author, String clientId, long seq) {
            return remote(rev, op, author, clientId, seq);
        }

        @Override
        public int revision() {
            return DocumentSession.this.revision();
        }

        @Override
        public void renamed(String newPath) {
            synchronized (DocumentSession.this) {
                path = newPath;
                listener.renamed(newPath);
            }
        }

        @Override
        public void deleted(String oldPath, String by) {
            failed(new ConcordException(ErrorCode.NOT_FOUND, oldPath + " was deleted by " + by));
        }

        @Override
        public void trouble(ConcordException problem) {
            synchronized (DocumentSession.this) {
                listener.trouble(problem);
            }
        }

        @Override
        public void failed(ConcordException reason) {
            synchronized (DocumentSession.this) {
                fail(reason);
            }
        }
    }

    /** Incorporates revision {@code rev}; false when revisions before it are missing (catch up first). */
    private synchronized boolean remote(int rev, TextOperation op, String author, String clientId, long seq) {
        int have = ot.revision();
        if (closed || failure != null || rev <= have) {
            return true;
        }
        if (rev > have + 1) {
            return false;
        }
        if (clientId.equals(clientId()) && awaiting(seq)) {
            acknowledge();
            return true;
        }
        try {
            TextOperation local = ot.applyServer(have, op);
            text = local.apply(text);
            undo.transformAgainstRemote(local);
            listener.textChanged(new Change(local, text, ot.revision(), Origin.REMOTE, author, clientId, seq));
        } catch (RuntimeException ex) {
            fail(new ConcordException(ErrorCode.INTERNAL, "remote revision " + rev + " does not fit the local text ("
                    + ex.getMessage() + "); reopen the document and report this"));
        }
        return true;
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
