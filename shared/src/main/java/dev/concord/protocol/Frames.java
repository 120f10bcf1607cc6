package dev.concord.protocol;

import java.io.Serializable;

/**
 * The only types bolt's Hessian serializer sees. Hessian cannot build Java records and mangles
 * immutable collections, so every protocol record travels as JSON bytes ({@link Codec}) inside one
 * of these holders. The class name is the bolt "interest" that routes a frame to its processor:
 * writes and reads get separate processors because writes must stay in arrival order.
 */
public final class Frames {
    /**
     * First bytes of a frame in Concord's own wire form (see {@link #toWire}); Hessian output never
     * starts with a NUL, so a receiver tells the two apart.
     */
    private static final byte[] MAGIC = {0, 'C', 'f', 1};

    private Frames() {
    }

    /**
     * A frame's wire form: MAGIC | int32 body length | body | data (the rest). Hessian, bolt's
     * default, decodes a {@code byte[]} one byte at a time into a growing buffer (~15 ms per MiB
     * measured here), so the RPC layer is given these bytes instead (a bolt custom serializer on
     * both sides; a Hessian frame from an older peer is still understood). Null for other objects.
     */
    public static byte[] toWire(Object frame) {
        byte[] body;
        byte[] data = null;
        if (frame instanceof WriteFrame w) {
            body = w.body;
            data = w.data;
        } else if (frame instanceof ReadFrame r) {
            body = r.body;
        } else if (frame instanceof ReplyFrame r) {
            body = r.body;
            data = r.data;
        } else {
            return null;
        }
        int bodyLength = body == null ? 0 : body.length;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(MAGIC.length + 4 + bodyLength + (data == null ? 0 : data.length));
        b.put(MAGIC).putInt(bodyLength);
        if (body != null) {
            b.put(body);
        }
        if (data != null) {
            b.put(data);
        }
        return b.array();
    }

    /** The frame of class {@code className} in {@code wire}, or null when it is not in Concord's wire form. */
    public static Object fromWire(String className, byte[] wire) {
        if (wire == null || wire.length < MAGIC.length + 4
                || !java.util.Arrays.equals(wire, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        int bodyLength = java.nio.ByteBuffer.wrap(wire, MAGIC.length, 4).getInt();
        int at = MAGIC.length + 4;
        if (bodyLength < 0 || bodyLength > wire.length - at) {
            return null;
        }
        byte[] body = java.util.Arrays.copyOfRange(wire, at, at + bodyLength);
        byte[] data = wire.length > at + bodyLength ? java.util.Arrays.copyOfRange(wire, at + bodyLength, wire.length) : null;
        if (WriteFrame.class.getName().equals(className)) {
            WriteFrame f = new WriteFrame(body);
            f.data = data;
            return f;
        }
        if (ReadFrame.class.getName().equals(className)) {
            return new ReadFrame(body);
        }
        if (ReplyFrame.class.getName().equals(className)) {
            ReplyFrame f = new ReplyFrame(body);
            f.data = data;
            return f;
        }
        return null;
    }

    /** The frame classes {@link #toWire} handles, for registering a serializer per class. */
    public static java.util.List<String> classNames() {
        return java.util.List.of(WriteFrame.class.getName(), ReadFrame.class.getName(), ReplyFrame.class.getName());
    }

    /** A {@link WriteBatch} as JSON: processed by one thread per node, in arrival order. */
    public static final class WriteFrame implements Serializable {
        private static final long serialVersionUID = 1L;
        public byte[] body;
        /** Raw bytes of the batch's file chunks, outside the JSON so they are not base64-inflated ({@link Payloads}). */
        public byte[] data;

        public WriteFrame() {
        }

        public WriteFrame(byte[] body) {
            this.body = body;
        }
    }

    /** A {@link ReadRequest} as JSON: served concurrently, after readIndex where it must be linearizable. */
    public static final class ReadFrame implements Serializable {
        private static final long serialVersionUID = 1L;
        public byte[] body;

        public ReadFrame() {
        }

        public ReadFrame(byte[] body) {
            this.body = body;
        }
    }

    /**
     * A {@link dev.concord.protocol.presence.CaretRequest.Envelope} as JSON: collaborators' carets,
     * served from the leader's memory and never written to the log.
     */
    public static final class CaretFrame implements Serializable {
        private static final long serialVersionUID = 1L;
        public byte[] body;

        public CaretFrame() {
        }

        public CaretFrame(byte[] body) {
            this.body = body;
        }
    }

    /** A {@link Response} as JSON. */
    public static final class ReplyFrame implements Serializable {
        private static final long serialVersionUID = 1L;
        public byte[] body;
        /** Raw file bytes of a download reply, outside the JSON ({@link Payloads}). */
        public byte[] data;

        public ReplyFrame() {
        }

        public ReplyFrame(byte[] body) {
            this.body = body;
        }
    }
}
