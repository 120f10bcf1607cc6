package dev.concord.client.net;

import dev.concord.config.NodeAddress;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Response;
import dev.concord.protocol.presence.CaretRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Caret requests to the leader. Presence is best effort and refreshed every few seconds, so a call
 * follows at most one NOT_LEADER redirect and otherwise fails at once; the caller tries again on
 * its next heartbeat. Failures still teach the route which node is down, as for writes.
 */
public final class CaretCalls {
    private final RpcTransport transport;
    private final NodeRoute route;
    private final ClientOptions options;

    CaretCalls(RpcTransport transport, NodeRoute route, ClientOptions options) {
        this.transport = transport;
        this.route = route;
        this.options = options;
    }

    /**
     * Completes with {@link Response.Carets}, or fails with a {@link ConcordException}.
     *
     * @param token the caller's session token (the leader then shows its account name), or null
     */
    public CompletableFuture<Response.Carets> call(CaretRequest request, String token) {
        request.validate();
        long wait = request instanceof CaretRequest.Watch w ? w.waitMs() : 0;
        Frames.CaretFrame frame = new Frames.CaretFrame(Codec.encode(new CaretRequest.Envelope(Limits.PROTOCOL, request, token)));
        CompletableFuture<Response.Carets> result = new CompletableFuture<>();
        attempt(frame, options.rpcTimeoutMs() + wait, result, true);
        return result;
    }

    private void attempt(Frames.CaretFrame frame, long timeoutMs, CompletableFuture<Response.Carets> result, boolean mayRedirect) {
        NodeAddress target = route.target();
        transport.call(target, frame, timeoutMs).whenComplete((resp, err) -> {
            if (err != null) {
                route.failed(target);
                result.completeExceptionally(err instanceof ConcordException ? err
                        : err.getCause() instanceof ConcordException c ? c
                        : new ConcordException(ErrorCode.UNAVAILABLE, String.valueOf(err.getMessage()), err));
            } else if (resp instanceof Response.Carets c) {
                result.complete(c);
            } else if (resp instanceof Response.Failure f && f.code() == ErrorCode.NOT_LEADER
                    && route.redirect(f.leader(), target) && mayRedirect) {
                attempt(frame, timeoutMs, result, false);
            } else if (resp instanceof Response.Failure f) {
                result.completeExceptionally(new ConcordException(f.code(), f.message()));
            } else {
                result.completeExceptionally(new ConcordException(ErrorCode.INTERNAL, "unexpected reply to a caret request: " + resp));
            }
        });
    }
}
