package dev.concord.ot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.ot.Component.Delete;
import dev.concord.ot.Component.Insert;
import dev.concord.ot.Component.Retain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The compact JSON wire form of a {@link TextOperation}, the same as ot.js's {@code toJSON}: an
 * array whose elements are a positive integer (retain n), a negative integer (delete -n) or a
 * non-empty string (insert).
 *
 * <p>Decoding ({@link TextOperation#fromWire}) is strict and rejects, naming the element index
 * and the rule:
 * <ul>
 *   <li>anything but an array; elements that are not integers or strings (booleans, null,
 *       objects, fractional or floating-point numbers such as {@code 2.0});
 *   <li>zero, integers beyond {@code int}, and an empty string;
 *   <li>forms that are not normalised: two adjacent elements of one kind, or a delete directly
 *       followed by an insert. ot.js never emits these, and accepting only the normal form keeps
 *       one operation to one encoding, so logs and dedupe can compare operations by their bytes;
 *   <li>insert strings with a lone surrogate, and more than
 *       {@link TextOperation#MAX_INSERT_CHARS} inserted code units in total;
 *   <li>total lengths beyond {@code int}.
 * </ul>
 * Encoding cannot fail and yields exactly the normal form, so {@code fromWire(toWire(op))} is
 * {@code op}.
 */
final class WireFormat {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private WireFormat() {
    }

    static List<Object> toWire(TextOperation op) {
        List<Object> wire = new ArrayList<>(op.components().size());
        for (Component c : op.components()) {
            if (c instanceof Retain r) {
                wire.add(r.length());
            } else if (c instanceof Insert i) {
                wire.add(i.text());
            } else {
                wire.add(-c.length());
            }
        }
        return Collections.unmodifiableList(wire);
    }

    static String toJson(TextOperation op) {
        try {
            return JSON.writeValueAsString(toWire(op));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of integers and strings must encode", e);
        }
    }

    static TextOperation fromJson(String json) {
        List<Object> wire;
        try {
            wire = JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("operation is not a JSON array: "
                    + e.getOriginalMessage(), e);
        }
        if (wire == null) {
            throw new IllegalArgumentException("operation is not a JSON array: null");
        }
        return fromWire(wire);
    }

    static TextOperation fromWire(List<?> wire) {
        if (wire == null) {
            throw new IllegalArgumentException("operation wire form must be an array, got null");
        }
        TextOperation.Builder builder = TextOperation.builder();
        long inserted = 0;
        Kind previous = null;
        for (int i = 0; i < wire.size(); i++) {
            Object element = wire.get(i);
            Kind kind;
            long n = 0;
            if (element instanceof String text) {
                kind = Kind.INSERT;
                if (text.isEmpty()) {
                    throw bad(i, "empty insert string");
                }
                inserted += text.length();
                if (inserted > TextOperation.MAX_INSERT_CHARS) {
                    throw bad(i, "operation inserts more than MAX_INSERT_CHARS ("
                            + TextOperation.MAX_INSERT_CHARS + ") chars");
                }
            } else {
                n = integer(i, element);
                if (n == 0) {
                    throw bad(i, "zero is neither a retain nor a delete");
                }
                kind = n > 0 ? Kind.RETAIN : Kind.DELETE;
            }
            if (kind == previous) {
                throw bad(i, "two adjacent " + kind.label + " elements; the wire form must be normalised");
            }
            if (kind == Kind.INSERT && previous == Kind.DELETE) {
                throw bad(i, "insert directly after a delete; the wire form puts the insert first");
            }
            previous = kind;
            try {
                // The builder checks what is left: lone surrogates and total length overflow.
                switch (kind) {
                    case INSERT -> builder.insert((String) element);
                    case RETAIN -> builder.retain((int) n);
                    case DELETE -> builder.delete((int) -n);
                }
            } catch (IllegalArgumentException e) {
                throw bad(i, e.getMessage());
            }
        }
        return builder.build();
    }

    private static long integer(int index, Object element) {
        if (element instanceof Integer || element instanceof Long
                || element instanceof Short || element instanceof Byte) {
            long n = ((Number) element).longValue();
            if (n > Integer.MAX_VALUE || n < -Integer.MAX_VALUE) {
                throw bad(index, "integer " + n + " is out of range");
            }
            return n;
        }
        if (element instanceof BigInteger big) {
            throw bad(index, "integer " + big + " is out of range");
        }
        if (element instanceof Number number) {
            throw bad(index, "number " + number + " is not an integer");
        }
        String type = element == null ? "null" : element.getClass().getSimpleName();
        throw bad(index, "expected an integer or a string, got " + type);
    }

    private static IllegalArgumentException bad(int index, String problem) {
        return new IllegalArgumentException("invalid operation element at index " + index + ": " + problem);
    }

    private enum Kind {
        RETAIN("retain"), INSERT("insert"), DELETE("delete");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }
}
