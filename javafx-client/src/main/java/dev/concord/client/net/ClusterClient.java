package dev.concord.client.net;

import dev.concord.config.NodeAddress;
import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.ReadRequest;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Concord client library: finds the leader, follows redirects, retries through failovers under
 * the same (clientId, seq), and reports its {@link ConnectionState}. No JavaFX here; the CLI, tests,
 * benchmarks and the desktop app all use it.
 *
 * <p>Reads of registers and streams go to one node chosen at random per client (spreading read load;
 * the node confirms linearizability with readIndex) and move on when it fails. Event subscriptions
 * follow the leader, which hears of commits first.
 */
public final class ClusterClient implements AutoCloseable {
    private final NodeRoute route;
    private final ClientOptions options;
    private final ScheduledExecutorService scheduler;
    private final RpcTransport transport;
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final WritePipeline writes;
    private final Writer writer;
    private final CaretCalls carets;
    /** Token for requests made without one of their own; see {@link #useSession}. */
    private volatile String session;
    private volatile int readSalt = ThreadLocalRandom.current().nextInt(1 << 20);

    private ClusterClient(List<NodeAddress> nodes, ClientOptions options) {
        this.route = new NodeRoute(nodes);
        this.options = options;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "concord-client");
            t.setDaemon(true);
            return t;
        });
        this.transport = new RpcTransport(scheduler);
        this.writes = new WritePipeline(transport, route, scheduler, options, tracker);
        this.writer = newWriter();
        this.carets = new CaretCalls(transport, route, options);
    }

    public static ClusterClient connect(List<NodeAddress> nodes) {
        return new ClusterClient(nodes, ClientOptions.defaults());
    }

    public static ClusterClient connect(List<NodeAddress> nodes, ClientOptions options) {
        return new ClusterClient(nodes, options);
    }

    /**
     * Makes every request that names no token of its own carry this one (null: none), so code
     * written without sessions works against a cluster with {@code require_auth = true}.
     */
    public void useSession(String token) {
        this.session = token;
    }

    /** A writer with a fresh random clientId. */
    public Writer newWriter() {
        return newWriter(null);
    }

    /** A writer with a fresh random clientId whose writes carry a session token (null: none). */
    public Writer newWriter(String token) {
        return new Writer("c-" + java.util.UUID.randomUUID(), 1, token);
    }

    /** A writer that continues an identity, e.g. one saved across a client restart. */
    public Writer writer(String clientId, long nextSeq) {
        return new Writer(clientId, nextSeq, null);
    }

    /** Writes through this client's own writer and waits for the result. */
    public Result write(Write op) {
        return await(writer.submit(op));
    }

    /** Runs a read, retrying other nodes until the deadline. */
    public Response read(Query query) {
        return await(readAsync(query));
    }

    /** Runs a read as the session of {@code token} (null: none). */
    public Response read(Query query, String token) {
        return await(readAsync(query, token));
    }

    public CompletableFuture<Response> readAsync(Query query) {
        return readAsync(query, session);
    }

    public CompletableFuture<Response> readAsync(Query query, String token) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.deadlineMs());
        readAttempt(new ReadRequest(Limits.PROTOCOL, query, token), result, deadline, 0);
        return result;
    }

    private void readAttempt(ReadRequest request, CompletableFuture<Response> result, long deadline, int attempt) {
        Query query = request.query();
        NodeAddress target = query instanceof Query.Events ? route.target() : route.any(readSalt);
        long timeout = options.rpcTimeoutMs() + (query instanceof Query.Events e ? e.waitMs() : 0);
        Frames.ReadFrame frame = new Frames.ReadFrame(Codec.encode(request));
        transport.call(target, frame, timeout).whenComplete((resp, err) -> {
            String reason;
            if (err == null && !(resp instanceof Response.Failure)) {
                // Any node serves events and reads: only the page's own leader hint says who leads.
                if (resp instanceof Response.EventPage page && page.leader() != null) {
                    route.hint(page.leader());
                }
                tracker.reachable(target);
                result.complete(resp);
                return;
            } else if (err != null) {
                route.failed(target);
                reason = err.getMessage();
            } else {
                Response.Failure f = (Response.Failure) resp;
                if (!f.code().retryable()) {
                    result.completeExceptionally(new ConcordException(f.code(), f.message()));
                    return;
                }
                if (f.code() == ErrorCode.NOT_LEADER && route.redirect(f.leader(), target)) {
                    readAttempt(request, result, deadline, attempt + 1);
                    return;
                }
                reason = f.message();
            }
            readSalt++;
            tracker.reconnecting(reason);
            if (System.nanoTime() - deadline >= 0) {
                tracker.noQuorum(reason);
                result.completeExceptionally(new ConcordException(ErrorCode.NO_QUORUM, "no node could serve the read within "
                        + options.deadlineMs() + " ms (last: " + reason + "); check bin/concord cluster status"));
                return;
            }
            scheduler.schedule(() -> readAttempt(request, result, deadline, attempt + 1),
                    Backoff.delayMs(attempt), TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Serves this client's reads from {@code node} (one of its nodes) until it fails, instead of the
     * node picked at random: for reading near where the data is, and for tests that need to know.
     */
    public void readFrom(NodeAddress node) {
        int i = route.nodes().indexOf(node);
        if (i < 0) {
            throw new IllegalArgumentException(node.address() + " is not one of this client's nodes");
        }
        readSalt = i;
    }

    /** Asks one particular node, once, without retries (status and digest of that node). */
    public CompletableFuture<Response> ask(NodeAddress node, Query query, long timeoutMs) {
        return ask(node, query, null, timeoutMs);
    }

    /** {@link #ask(NodeAddress, Query, long)} as the session of {@code token}. */
    public CompletableFuture<Response> ask(NodeAddress node, Query query, String token, long timeoutMs) {
        Frames.ReadFrame frame = new Frames.ReadFrame(Codec.encode(new ReadRequest(Limits.PROTOCOL, query, token)));
        return transport.call(node, frame, timeoutMs);
    }

    /** Delivers every event after {@code after}, in order, on a dedicated thread, until closed. */
    public Subscription subscribe(long after, Consumer<Event> onEvent, Consumer<ConcordException> onError) {
        return subscribe(after, session, onEvent, onError);
    }

    /**
     * As the session of {@code token}: the serving node passes only events that session may see
     * (chat events of its conversations). The subscription ends if the session does.
     */
    public Subscription subscribe(long after, String token, Consumer<Event> onEvent, Consumer<ConcordException> onError) {
        return new Subscription(this, after, token, onEvent, onError);
    }

    /** Collaborators' carets, kept by the leader outside the log. */
    public CaretCalls carets() {
        return carets;
    }

    public ConnectionState.Change connectionState() {
        return tracker.current();
    }

    public void addConnectionListener(ConnectionState.Listener listener) {
        tracker.addListener(listener);
    }

    public void removeConnectionListener(ConnectionState.Listener listener) {
        tracker.removeListener(listener);
    }

    public List<NodeAddress> nodes() {
        return route.nodes();
    }

    public ClientOptions options() {
        return options;
    }

    /** Waits for a future, unwrapping a {@link ConcordException}. */
    public static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcordException(ErrorCode.UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConcordException c) {
                throw c;
            }
            throw new ConcordException(ErrorCode.INTERNAL, String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public void close() {
        tracker.closed();
        transport.close();
        scheduler.shutdownNow();
    }

    /**
     * One exactly-once identity: a clientId and its next seq. Seqs are handed out in submit order,
     * so a writer's retries can always be matched to the original.
     */
    public final class Writer {
        private final String clientId;
        private final String token;
        private long nextSeq;

        private Writer(String clientId, long nextSeq, String token) {
            dev.concord.protocol.Validation.clientId(clientId);
            this.clientId = clientId;
            this.nextSeq = nextSeq;
            this.token = token;
        }

        public String clientId() {
            return clientId;
        }

        /** Validates locally (bad input fails at once), then queues the write. */
        public CompletableFuture<Result> submit(Write op) {
            op.validate();
            long seq;
            synchronized (this) {
                seq = nextSeq++;
            }
            return writes.submit(new ClientWrite(clientId, seq, op, token()));
        }

        /** This writer's own token, else the client's session. */
        private String token() {
            return token != null ? token : session;
        }

        /**
         * Sends {@code op} under a seq the caller chose, for sessions that number their own writes
         * (an {@code OtClient}) and must re-send the same seq after an unknown outcome: the cluster
         * answers a seq it already applied from its exactly-once table instead of applying it again.
         */
        public CompletableFuture<Result> submit(long seq, Write op) {
            if (seq <= 0) {
                throw new IllegalArgumentException("seq must be positive, got " + seq);
            }
            op.validate();
            synchronized (this) {
                nextSeq = Math.max(nextSeq, seq + 1);
            }
            return writes.submit(new ClientWrite(clientId, seq, op, token()));
        }

        public synchronized long nextSeq() {
            return nextSeq;
        }
    }
}
