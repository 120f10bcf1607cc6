package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.Subscription;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocOp;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one document's committed revisions to a session, in order, without gaps: the cluster's
 * event feed from a log index, and a read of {@code doc.ops} whenever the feed skips a revision or
 * no longer reaches back far enough (FEED_TRUNCATED), after which it follows the feed again from
 * the index that read saw.
 *
 * <p>Invariant: {@link #delivered} is the last revision handed to the sink, and the sink receives
 * revisions {@code delivered + 1, delivered + 2, ...} exactly once each. The feed keeps this count
 * itself, so the sink may process revisions later on a thread of its own (a UI thread) without
 * being asked whether it has them. Only one thread delivers at a time: the subscription's, or
 * after FEED_TRUNCATED (which ends the subscription) the executor's.
 */
final class DocumentFeed implements AutoCloseable {
    private static final int CATCH_UP_PAGE = 1_000;
    private static final long RETRY_MS = 500;

    /** The session side; calls come from the feed thread or the executor, never at once. */
    interface Sink {
        /** Revision {@code rev}, the one after the previous call's. */
        void revision(int rev, TextOperation op, String author, String clientId, long seq);

        void renamed(String path);

        void deleted(String path, String by);

        void trouble(ConcordException problem);

        void failed(ConcordException reason);
    }

    private final ClusterClient client;
    private final long id;
    private final Sink sink;
    private final ScheduledExecutorService executor;
    private volatile int delivered;
    private Subscription subscription;
    private boolean closed;

    DocumentFeed(ClusterClient client, long id, int revision, Sink sink, ScheduledExecutorService executor) {
        this.client = client;
        this.id = id;
        this.delivered = revision;
        this.sink = sink;
        this.executor = executor;
    }

    /** Follows events after log index {@code index} (the index the session's snapshot was read at). */
    synchronized void start(long index) {
        if (!closed) {
            subscription = client.subscribe(index, this::onEvent, this::onError);
        }
    }

    private void onEvent(Event e) {
        Event.Change c = e.change();
        if (c instanceof Event.DocEdited d && d.id() == id) {
            if (d.revision() == delivered + 1) {
                deliver(d.revision(), d.op(), d.author(), e.clientId(), e.seq());
            } else if (d.revision() > delivered + 1) {
                catchUp();
            }
        } else if (c instanceof Event.DocRenamed r && r.id() == id) {
            sink.renamed(r.to());
        } else if (c instanceof Event.DocDeleted d && d.id() == id) {
            sink.deleted(d.path(), e.clientId());
        }
    }

    private void deliver(int rev, TextOperation op, String author, String clientId, long seq) {
        delivered = rev;
        sink.revision(rev, op, author, clientId, seq);
    }

    private void onError(ConcordException e) {
        if (e.code() != ErrorCode.FEED_TRUNCATED) {
            sink.trouble(e);
            return;
        }
        executor.execute(this::resync);
    }

    /** After FEED_TRUNCATED the subscription has ended: read the ops, then follow again. */
    private void resync() {
        long index = catchUp();
        if (index < 0) {
            executor.schedule(this::resync, RETRY_MS, TimeUnit.MILLISECONDS);
        } else {
            start(index);
        }
    }

    /** Reads and delivers the ops after {@link #delivered}; the log index read at, or -1 if the read failed. */
    private long catchUp() {
        try {
            while (true) {
                int from = delivered;
                Response.DocOps page = (Response.DocOps) client.read(new Query.DocOps(id, from, CATCH_UP_PAGE));
                for (DocOp o : page.ops()) {
                    if (o.revision() == delivered + 1) {
                        deliver(o.revision(), o.op(), o.author(), o.clientId(), o.seq());
                    }
                }
                if (delivered >= page.head() || delivered == from) {
                    return page.index();
                }
            }
        } catch (ConcordException e) {
            if (e.code().retryable()) {
                sink.trouble(e);
            } else {
                sink.failed(e);
            }
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
    }
}
