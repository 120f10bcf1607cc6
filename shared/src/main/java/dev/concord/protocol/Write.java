package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A state change a client asks for. Every write becomes part of a log entry and is applied by every
 * node; {@link #validate()} runs on the client and again on the leader before proposing, so apply
 * only sees well-formed writes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Write.StreamAppend.class, name = "stream.append"),
    @JsonSubTypes.Type(value = Write.Cas.class, name = "cas"),
})
public sealed interface Write {

    /** Throws {@link ConcordException} (BAD_REQUEST or TOO_LARGE) when the write can never succeed. */
    void validate();

    /** Roughly the encoded size in bytes, for batching; hot write types override the exact encoding. */
    default int sizeHint() {
        return Codec.encode(this).length;
    }

    /** Append one record to the named stream; the result carries its offset (0-based, dense). */
    record StreamAppend(String stream, String text) implements Write {
        @Override
        public void validate() {
            Validation.name("stream", stream);
            Validation.value("text", text);
        }

        @Override
        public int sizeHint() {
            return 48 + 3 * (stream.length() + text.length());
        }
    }

    /**
     * Compare-and-set on a register: set {@code value} if the current value equals {@code expected}
     * ({@code null} expected means the key must be absent; {@code null} value deletes the key).
     */
    record Cas(String key, String expected, String value) implements Write {
        @Override
        public void validate() {
            Validation.name("key", key);
            // Registers never hold "", so '' can stand for "absent" on the command line.
            if (expected != null) {
                Validation.value("expected", expected);
                Validation.nonEmpty("expected", expected);
            }
            if (value != null) {
                Validation.value("value", value);
                Validation.nonEmpty("value", value);
            }
        }
    }
}
