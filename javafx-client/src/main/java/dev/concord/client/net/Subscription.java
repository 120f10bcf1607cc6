package dev.concord.client.net;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.util.function.Consumer;

/**
 * A long-poll loop over the event feed. It keeps the index of the last entry it delivered and asks
 * for events after it, from whichever node leads now, so a failover causes neither a gap nor a
 * duplicate. Listener calls happen on this subscription's own thread, in log order.
 */
public final class Subscription implements AutoCloseable {
    private static final long WAIT_MS = 10_000;

    private final ClusterClient client;
    private final String token;
    private final Consumer<Event> onEvent;
    private final Consumer<ConcordException> onError;
    private final Thread thread;
    private volatile boolean open = true;
    private volatile long after;

    Subscription(ClusterClient client, long after, String token, Consumer<Event> onEvent,
                 Consumer<ConcordException> onError) {
        this.client = client;
        this.token = token;
        this.after = after;
        this.onEvent = onEvent;
        this.onError = onError;
        this.thread = new Thread(this::run, "concord-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Index of the last log entry whose events were delivered (or skipped as eventless). */
    public long position() {
        return after;
    }

    private void run() {
        while (open) {
            try {
                Response r = client.read(new Query.Events(after, 1000, WAIT_MS), token);
                if (r instanceof Response.EventPage page) {
                    for (Event e : page.events()) {
                        if (!open) {
                            return;
                        }
                        onEvent.accept(e);
                    }
                    after = Math.max(after, page.last());
                }
            } catch (ConcordException e) {
                if (!open) {
                    return;
                }
                onError.accept(e);
                // Neither heals by retrying: the feed moved on, or the session ended.
                if (e.code() == ErrorCode.FEED_TRUNCATED || e.code() == ErrorCode.UNAUTHORIZED) {
                    open = false;
                    return;
                }
            } catch (RuntimeException e) {
                if (open) {
                    onError.accept(new ConcordException(ErrorCode.INTERNAL, "event listener failed: " + e, e));
                }
            }
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
    }
}
