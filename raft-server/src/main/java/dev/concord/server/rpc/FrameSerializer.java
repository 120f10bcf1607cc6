package dev.concord.server.rpc;

import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.InvokeContext;
import com.alipay.remoting.rpc.RequestCommand;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import dev.concord.protocol.Frames;

/**
 * Puts Concord frames on bolt's wire in {@link Frames#toWire} form instead of Hessian (which
 * decodes byte arrays a byte at a time). Returning false hands anything else back to Hessian. The
 * client registers the same adapter; registration is per JVM and idempotent.
 */
public final class FrameSerializer extends DefaultCustomSerializer {
    private static final FrameSerializer INSTANCE = new FrameSerializer();

    private FrameSerializer() {
    }

    public static void register() {
        for (String name : Frames.classNames()) {
            if (CustomSerializerManager.getCustomSerializer(name) == null) {
                CustomSerializerManager.registerCustomSerializer(name, INSTANCE);
            }
        }
    }

    @Override
    public <T extends RequestCommand> boolean serializeContent(T request, InvokeContext ctx) {
        byte[] wire = Frames.toWire(((RpcRequestCommand) request).getRequestObject());
        request.setContent(wire);
        return wire != null;
    }

    @Override
    public <T extends RequestCommand> boolean deserializeContent(T request) {
        RpcRequestCommand r = (RpcRequestCommand) request;
        Object frame = Frames.fromWire(r.getRequestClass(), r.getContent());
        r.setRequestObject(frame);
        return frame != null;
    }

    @Override
    public <T extends ResponseCommand> boolean serializeContent(T response) {
        byte[] wire = Frames.toWire(((RpcResponseCommand) response).getResponseObject());
        response.setContent(wire);
        return wire != null;
    }

    @Override
    public <T extends ResponseCommand> boolean deserializeContent(T response, InvokeContext ctx) {
        RpcResponseCommand r = (RpcResponseCommand) response;
        Object frame = Frames.fromWire(r.getResponseClass(), r.getContent());
        r.setResponseObject(frame);
        return frame != null;
    }
}
