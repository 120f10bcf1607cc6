package dev.concord.server.rpc;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.ReadRequest;
import dev.concord.protocol.Response;
import dev.concord.protocol.Validation;
import dev.concord.server.feed.Feed;
import dev.concord.server.state.DocumentReader;
import dev.concord.server.state.StateReader;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves reads on any node. Register and stream reads go through jraft's readIndex first, which on
 * a follower asks the leader for its commit index and waits until this node has applied it: the
 * answer is linearizable wherever it is served. Events, status and digest read local state.
 */
public final class ReadProcessor implements RpcProcessor<Frames.ReadFrame> {
    private final Supplier<Node> node;
    private final StateReader reader;
    private final Feed feed;
    private final Supplier<NodeStatus> status;
    private final ChatQueries chat;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "concord-reads");
        t.setDaemon(true);
        return t;
    });

    public ReadProcessor(Supplier<Node> node, StateReader reader, Feed feed, Supplier<NodeStatus> status,
                         ChatQueries chat) {
        this.node = node;
        this.reader = reader;
        this.feed = feed;
        this.status = status;
        this.chat = chat;
    }

    @Override
    public String interest() {
        return Frames.ReadFrame.class.getName();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void handleRequest(RpcContext ctx, Frames.ReadFrame frame) {
        try {
            if (frame.body != null && frame.body.length > Limits.MAX_FRAME_BYTES) { // null: decode says BAD_REQUEST
                throw new ConcordException(ErrorCode.TOO_LARGE, "read request over " + Limits.MAX_FRAME_BYTES + " bytes");
            }
            ReadRequest req = Codec.decode(frame.body, ReadRequest.class);
            Replies.checkProtocol(req.protocol());
            if (req.query() == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "read request has no query");
            }
            serve(ctx, req.query(), req.token());
        } catch (ConcordException e) {
            Replies.send(ctx, new Response.Failure(e.code(), e.getMessage(), null));
        } catch (RuntimeException e) {
            Replies.send(ctx, new Response.Failure(ErrorCode.UNAVAILABLE, "node could not serve the read ("
                    + e.getMessage() + "); retry", null));
        }
    }

    private void serve(RpcContext ctx, Query query, String token) {
        if (query instanceof Query.Get g) {
            Validation.name("key", g.key());
            chat.checkPlain(token);
            linearizable(ctx, () -> reader.get(g.key()));
        } else if (query instanceof Query.StreamRead s) {
            Validation.name("stream", s.stream());
            chat.checkPlain(token);
            linearizable(ctx, () -> reader.readStream(s.stream(), s.from(), s.limit()));
        } else if (query instanceof Query.Events e) {
            chat.checkPlain(token);
            feed.poll(e.after(), e.limit(), e.waitMs(), chat.feed(token, e.waitMs(), r -> Replies.send(ctx,
                    r instanceof Response.EventPage p ? p.withLeader(WriteProcessor.notLeader(node.get()).leader()) : r)));
        } else if (query instanceof Query.Chat c) {
            chat.serve(c.query(), token, read -> linearizable(ctx, read), r -> Replies.send(ctx, r));
        } else if (query instanceof Query.Status) {
            Replies.send(ctx, new Response.Status(status.get()));
        } else if (query instanceof Query.Digest) {
            Replies.send(ctx, reader.digest());
        } else if (DocumentReader.handles(query)) {
            DocumentReader.validate(query);
            chat.checkPlain(token);
            linearizable(ctx, () -> reader.documents().serve(query));
        } else if (query instanceof Query.File f) {
            serveFile(ctx, f);
        }
    }

    /**
     * A chunk of a version is immutable, so a node that has applied the index where the reader saw
     * the version answers without a readIndex round: followers serve downloads on their own.
     */
    private void serveFile(RpcContext ctx, Query.File f) {
        if (f.query() == null) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "file query is empty");
        }
        f.query().validate();
        if (f.query() instanceof dev.concord.protocol.files.FileQuery.Read r && r.atIndex() <= reader.appliedIndex()) {
            Replies.send(ctx, reader.files().serve(r));
        } else {
            linearizable(ctx, () -> reader.files().serve(f.query()));
        }
    }

    private void linearizable(RpcContext ctx, Supplier<Response> read) {
        Node n = node.get();
        if (n == null) {
            throw new ConcordException(ErrorCode.UNAVAILABLE, "node is starting; retry");
        }
        // jraft may run this closure twice (its own timeout, then the late result): answer once.
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        n.readIndex(new byte[0], new ReadIndexClosure() {
            @Override
            public void run(Status st, long index, byte[] reqCtx) {
                if (!answered.compareAndSet(false, true)) {
                    return;
                }
                if (!st.isOk()) {
                    Replies.send(ctx, new Response.Failure(ErrorCode.UNAVAILABLE,
                            "cannot confirm a linearizable read here: " + st.getErrorMsg() + "; retry or ask another node",
                            WriteProcessor.notLeader(n).leader()));
                    return;
                }
                try {
                    Replies.send(ctx, read.get());
                } catch (ConcordException e) {
                    Replies.send(ctx, new Response.Failure(e.code(), e.getMessage(), null));
                } catch (RuntimeException e) {
                    Replies.send(ctx, new Response.Failure(ErrorCode.UNAVAILABLE, "read failed: " + e.getMessage() + "; retry", null));
                }
            }
        });
    }
}
