package dev.concord.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary payloads (file chunks) beside the JSON instead of inside it: base64 would make every
 * chunk a third larger in each frame and each log entry, on every node, and cost an encode and a
 * decode each way. A {@code byte[]} field annotated with {@link Out} and {@link In} is written as
 * its ordinal in a side list when this class encodes, and as ordinary base64 by plain {@link Codec}
 * (so a client that only speaks JSON still works, and tools can print any record).
 * <pre>
 *   log entry, no payload:   the JSON of the Command.Entry (starts with '{')
 *   log entry with payloads: 0x00 | int32 json length | json | (int32 length | bytes)*
 *   WriteFrame / ReplyFrame: body = json, data = (int32 length | bytes)*   (data null when none)
 * </pre>
 * Every node decodes entries through {@link #decodeEntry}, the leader included.
 */
public final class Payloads {
    private static final String KEY = "concord.payloads";
    private static final byte BINARY = 0;

    private Payloads() {
    }

    /** Encodes a log entry, with its payloads outside the JSON when it has any. */
    public static byte[] encodeEntry(Command.Entry entry) {
        List<byte[]> out = new ArrayList<>();
        byte[] json = write(entry, out);
        if (out.isEmpty()) {
            return json;
        }
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + json.length + framedLength(out));
        b.put(BINARY).putInt(json.length).put(json);
        out.forEach(p -> b.putInt(p.length).put(p));
        return b.array();
    }

    /** Bytes of {@code encoded} (from {@link #encodeEntry}) that are JSON, not payload. */
    public static int jsonLength(byte[] encoded) {
        return encoded.length > 0 && encoded[0] == BINARY ? ByteBuffer.wrap(encoded, 1, 4).getInt() : encoded.length;
    }

    public static Command.Entry decodeEntry(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != BINARY) {
            return Codec.decode(bytes, Command.Entry.class);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.get();
        int jsonLength = b.getInt();
        if (jsonLength < 0 || jsonLength > b.remaining()) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "malformed binary entry: json length " + jsonLength);
        }
        byte[] json = new byte[jsonLength];
        b.get(json);
        return read(json, unframe(b), Command.Entry.class);
    }

    public static Frames.WriteFrame writeFrame(WriteBatch batch) {
        List<byte[]> out = new ArrayList<>();
        Frames.WriteFrame f = new Frames.WriteFrame(write(batch, out));
        f.data = frame(out);
        return f;
    }

    public static WriteBatch decodeWriteFrame(Frames.WriteFrame frame) {
        return read(frame.body, unframe(frame.data), WriteBatch.class);
    }

    public static Frames.ReplyFrame replyFrame(Response response) {
        List<byte[]> out = new ArrayList<>();
        Frames.ReplyFrame f = new Frames.ReplyFrame(write(response, out));
        f.data = frame(out);
        return f;
    }

    public static Response decodeReply(Frames.ReplyFrame frame) {
        return read(frame.body, unframe(frame.data), Response.class);
    }

    private static byte[] write(Object value, List<byte[]> out) {
        try {
            return Codec.mapper().writer().withAttribute(KEY, out).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(byte[] json, List<byte[]> payloads, Class<T> type) {
        if (json == null) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "empty " + type.getSimpleName());
        }
        if (payloads.isEmpty()) {
            return Codec.decode(json, type);
        }
        try {
            T value = Codec.mapper().readerFor(type).withAttribute(KEY, payloads).readValue(json);
            if (value == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "empty " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ConcordException(ErrorCode.BAD_REQUEST, "malformed " + type.getSimpleName() + ": " + why);
        }
    }

    private static int framedLength(List<byte[]> payloads) {
        int n = 0;
        for (byte[] p : payloads) {
            n += 4 + p.length;
        }
        return n;
    }

    private static byte[] frame(List<byte[]> payloads) {
        if (payloads.isEmpty()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(framedLength(payloads));
        payloads.forEach(p -> b.putInt(p.length).put(p));
        return b.array();
    }

    private static List<byte[]> unframe(byte[] data) {
        return data == null ? List.of() : unframe(ByteBuffer.wrap(data));
    }

    private static List<byte[]> unframe(ByteBuffer b) {
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int n = b.remaining() >= 4 ? b.getInt() : -1;
            if (n < 0 || n > b.remaining()) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "malformed payload framing: length " + n
                        + " with " + b.remaining() + " bytes left");
            }
            byte[] p = new byte[n];
            b.get(p);
            out.add(p);
        }
        return out;
    }

    /** Writes a payload field as its ordinal in the side list when encoding through this class, else as base64. */
    public static final class Out extends JsonSerializer<byte[]> {
        @Override
        @SuppressWarnings("unchecked")
        public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Object side = provider.getAttribute(KEY);
            if (side instanceof List<?> list) {
                ((List<byte[]>) list).add(value);
                gen.writeNumber(list.size() - 1);
            } else {
                gen.writeBinary(value);
            }
        }
    }

    /** Reads what {@link Out} wrote: an ordinal into the side list, or base64. */
    public static final class In extends JsonDeserializer<byte[]> {
        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                int i = p.getIntValue();
                Object side = ctxt.getAttribute(KEY);
                if (!(side instanceof List<?> list) || i < 0 || i >= list.size()) {
                    throw new ConcordException(ErrorCode.BAD_REQUEST, "payload " + i + " is referenced but not attached");
                }
                return (byte[]) list.get(i);
            }
            return p.getBinaryValue();
        }
    }
}
