package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The one JSON codec for the wire, the log and stored state. Encoding is deterministic (record
 * components in declaration order, no maps with hash order), which the state digest relies on.
 */
public final class Codec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** For output people and scripts read: nulls are written, so every field is always present. */
    private static final ObjectMapper PRINTER = new ObjectMapper();

    private Codec() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Decodes bytes from an untrusted source; any problem is a BAD_REQUEST that says what was wrong. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "empty " + type.getSimpleName());
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "empty " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ConcordException(ErrorCode.BAD_REQUEST, "malformed " + type.getSimpleName() + ": " + why);
        }
    }

    /** One-line JSON with nulls kept, for the CLI's {@code --json}. */
    public static String toJson(Object value) {
        try {
            return PRINTER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
