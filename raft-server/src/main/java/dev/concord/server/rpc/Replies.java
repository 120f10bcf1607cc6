package dev.concord.server.rpc;

import com.alipay.sofa.jraft.rpc.RpcContext;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Response;

/** Encoding of replies and the checks every request shares. */
final class Replies {
    private Replies() {
    }

    static void send(RpcContext ctx, Response response) {
        ctx.sendResponse(Payloads.replyFrame(response));
    }

    static void checkProtocol(int protocol) {
        if (protocol != Limits.PROTOCOL) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "client speaks protocol " + protocol
                    + " but this node speaks " + Limits.PROTOCOL + "; use a client built from the same version");
        }
    }
}
