package dev.concord.client.net;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.InvokeCallback;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One bolt connection pool (jraft's RPC client) carrying Concord frames. A future fails with a
 * retryable {@link ConcordException} (UNAVAILABLE or TIMEOUT) when the node cannot be reached or
 * does not answer in time; a node's own refusal arrives as a {@link Response.Failure} value.
 */
final class RpcTransport implements AutoCloseable {
    private final RpcClient rpc;
    private final Executor callbacks;

    RpcTransport(Executor callbacks) {
        this.callbacks = callbacks;
        FrameSerializer.register();
        this.rpc = RpcFactoryHelper.rpcFactory().createRpcClient();
        RpcOptions opts = new RpcOptions();
        opts.setRpcConnectTimeoutMs(500);
        opts.setEnableBoltReconnect(false);
        if (!rpc.init(opts)) {
            throw new IllegalStateException("cannot start the RPC client");
        }
    }

    CompletableFuture<Response> call(NodeAddress node, Object frame, long timeoutMs) {
        CompletableFuture<Response> f = new CompletableFuture<>();
        Endpoint ep = new Endpoint(node.host(), node.port());
        InvokeCallback cb = new InvokeCallback() {
            @Override
            public void complete(Object result, Throwable err) {
                if (err != null) {
                    f.completeExceptionally(unreachable(node, err));
                } else if (result instanceof Frames.ReplyFrame reply) {
                    try {
                        f.complete(Payloads.decodeReply(reply));
                    } catch (ConcordException e) {
                        f.completeExceptionally(new ConcordException(ErrorCode.INTERNAL,
                                "node " + node.address() + " sent an unreadable reply: " + e.getMessage()));
                    }
                } else {
                    f.completeExceptionally(new ConcordException(ErrorCode.INTERNAL, "node " + node.address()
                            + " answered with " + (result == null ? "nothing" : result.getClass().getName())
                            + "; is it a Concord node of the same version?"));
                }
            }

            @Override
            public Executor executor() {
                return callbacks;
            }
        };
        try {
            rpc.invokeAsync(ep, frame, cb, timeoutMs);
        } catch (Exception e) {
            f.completeExceptionally(unreachable(node, e));
        }
        return f;
    }

    private static ConcordException unreachable(NodeAddress node, Throwable err) {
        String what = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        boolean timeout = err.getClass().getSimpleName().contains("Timeout") || what.contains("timeout");
        return new ConcordException(timeout ? ErrorCode.TIMEOUT : ErrorCode.UNAVAILABLE,
                "node " + node.id() + " (" + node.address() + ") " + (timeout ? "did not answer in time" : "unreachable")
                        + ": " + what.lines().findFirst().orElse(""), err);
    }

    @Override
    public void close() {
        rpc.shutdown();
    }
}
