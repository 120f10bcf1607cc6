package dev.concord.server.rpc;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Response;
import dev.concord.protocol.presence.Caret;
import dev.concord.protocol.presence.CaretRequest;
import dev.concord.server.feed.CaretTable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collaborators' carets: a request family beside reads and writes that never touches the log.
 * Only the leader serves it (one table that every viewer reaches); a follower answers NOT_LEADER
 * with a hint, as for writes. A watch parked on a node that lost leadership meanwhile is answered
 * NOT_LEADER too, so its client moves to the new leader.
 */
public final class CaretProcessor implements RpcProcessor<Frames.CaretFrame> {
    /** Small and bounded: caret requests are tiny and must not compete with reads for threads. */
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "concord-carets-rpc");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<Node> node;
    private final CaretTable table;
    private final Function<String, String> accountOf;
    private final boolean requireAuth;

    /**
     * @param accountOf the account name of a session token, or null when the token names no session
     * @param requireAuth whether callers must present a live session (cluster.conf require_auth)
     */
    public CaretProcessor(Supplier<Node> node, CaretTable table, Function<String, String> accountOf, boolean requireAuth) {
        this.node = node;
        this.table = table;
        this.accountOf = accountOf;
        this.requireAuth = requireAuth;
    }

    @Override
    public String interest() {
        return Frames.CaretFrame.class.getName();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void handleRequest(RpcContext ctx, Frames.CaretFrame frame) {
        try {
            if (frame.body == null || frame.body.length > 4096) {
                throw new ConcordException(ErrorCode.TOO_LARGE, "caret request over 4096 bytes");
            }
            CaretRequest.Envelope env = Codec.decode(frame.body, CaretRequest.Envelope.class);
            Replies.checkProtocol(env.protocol());
            CaretRequest req = env.request();
            if (req == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "caret request is empty");
            }
            req.validate();
            Node n = node.get();
            if (n == null || !n.isLeader()) {
                Replies.send(ctx, WriteProcessor.notLeader(n));
                return;
            }
            serve(ctx, authenticated(req, env.token()), n);
        } catch (ConcordException e) {
            Replies.send(ctx, new Response.Failure(e.code(), e.getMessage(), null));
        } catch (RuntimeException e) {
            Replies.send(ctx, new Response.Failure(ErrorCode.UNAVAILABLE, "node could not serve carets ("
                    + e.getMessage() + "); retry", null));
        }
    }

    /** A logged-in caller's caret carries its account name, whatever name the client put in. */
    private CaretRequest authenticated(CaretRequest req, String token) {
        String account = token == null ? null : accountOf.apply(token);
        if (account == null && (requireAuth || token != null)) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, token == null
                    ? "this cluster requires login (require_auth = true); log in first"
                    : "the session has ended; log in again");
        }
        if (account != null && req instanceof CaretRequest.Publish p) {
            Caret c = p.caret();
            return new CaretRequest.Publish(p.doc(), new Caret(c.clientId(), account, c.revision(), c.anchor(), c.head()));
        }
        return req;
    }

    private void serve(RpcContext ctx, CaretRequest req, Node n) {
        if (req instanceof CaretRequest.Publish p) {
            Replies.send(ctx, table.publish(p.doc(), p.caret()));
        } else if (req instanceof CaretRequest.Leave l) {
            Replies.send(ctx, table.leave(l.doc(), l.clientId()));
        } else if (req instanceof CaretRequest.Watch w) {
            table.watch(w.doc(), w.after(), w.waitMs(),
                    carets -> Replies.send(ctx, n.isLeader() ? carets : WriteProcessor.notLeader(n)));
        }
    }
}
