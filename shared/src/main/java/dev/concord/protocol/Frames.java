package dev.concord.protocol;

import java.io.Serializable;

/**
 * The only types bolt's Hessian serializer sees. Hessian cannot build Java records and mangles
 * immutable collections, so every protocol record travels as JSON bytes ({@link Codec}) inside one
 * of these holders. The class name is the bolt "interest" that routes a frame to its processor:
 * writes and reads get separate processors because writes must stay in arrival order.
 */
public final class Frames {
    private Frames() {
    }

    /** A {@link WriteBatch} as JSON: processed by one thread per node, in arrival order. */
    public static final class WriteFrame implements Serializable {
        private static final long serialVersionUID = 1L;
        public byte[] body;

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

        public ReplyFrame() {
        }

        public ReplyFrame(byte[] body) {
            this.body = body;
        }
    }
}
