package dev.concord.ot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.concord.ot.Component.Delete;
import dev.concord.ot.Component.Insert;
import dev.concord.ot.Component.Retain;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable plain-text edit: a normalised list of {@link Component}s that walks a base
 * document of exactly {@link #baseLength()} UTF-16 code units and yields one of
 * {@link #targetLength()} code units.
 *
 * <p>Contracts, for every document {@code S} of the right length:
 * <pre>
 *   apply(apply(S, a), b)   == apply(S, a.compose(b))
 *   apply(apply(S, a), a.invert(S)) == S
 *   (a', b') = transform(a, b):  apply(apply(S, a), b') == apply(apply(S, b), a')
 * </pre>
 *
 * <p><b>Normal form.</b> Adjacent components of one kind are merged, an insert always precedes an
 * adjacent delete, and there are no empty components. Two operations with the same effect are
 * therefore {@link #equals equal}, and the wire form of an operation is unique. This is the
 * normal form ot.js produces, so the two interoperate component for component.
 *
 * <p><b>Surrogate pairs.</b> No operation splits a surrogate pair: insert texts are well-formed
 * UTF-16, and {@link #apply}, {@link #invert} and {@link #compose} throw
 * {@link IllegalArgumentException} rather than cut between a high and a low surrogate.
 *
 * <p><b>Tie-break.</b> See {@link #transform}: when both operations insert at the same position,
 * the first argument's text ends up first.
 */
public final class TextOperation {

    /** Upper bound on the total characters one operation may insert when decoded from the wire. */
    public static final int MAX_INSERT_CHARS = 1_000_000;

    private final List<Component> components;
    private final int baseLength;
    private final int targetLength;

    private TextOperation(List<Component> components, int baseLength, int targetLength) {
        this.components = List.copyOf(components);
        this.baseLength = baseLength;
        this.targetLength = targetLength;
    }

    /** A new normalising builder for an operation that starts at position 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The operation that retains all {@code length} code units: a no-op on such documents. */
    public static TextOperation identity(int length) {
        return builder().retain(length).build();
    }

    /** The normalised components; unmodifiable. */
    public List<Component> components() {
        return components;
    }

    /** Length every document this operation applies to must have. */
    public int baseLength() {
        return baseLength;
    }

    /** Length of every document this operation produces. */
    public int targetLength() {
        return targetLength;
    }

    /** True if applying this operation leaves every valid document unchanged. */
    public boolean isNoop() {
        return components.isEmpty() || (components.size() == 1 && components.get(0) instanceof Retain);
    }

    /**
     * Throws unless this operation applies to a document of {@code docLength} code units; lets a
     * server reject a stale or foreign operation with a readable reason before applying it.
     *
     * @return this operation, for chaining
     */
    public TextOperation requireBaseLength(int docLength) {
        if (docLength != baseLength) {
            throw new IllegalArgumentException("operation expects a document of " + baseLength
                    + " chars (UTF-16 code units) but it has " + docLength);
        }
        return this;
    }

    /**
     * Applies this operation to {@code doc}.
     *
     * @throws IllegalArgumentException if {@code doc} is not {@link #baseLength()} long, or if a
     *     component boundary falls inside one of its surrogate pairs
     */
    public String apply(String doc) {
        requireBaseLength(doc.length());
        StringBuilder out = new StringBuilder(targetLength);
        int pos = 0;
        for (Component c : components) {
            requireBoundary(doc, pos);
            if (c instanceof Retain r) {
                out.append(doc, pos, pos + r.length());
                pos += r.length();
            } else if (c instanceof Insert i) {
                out.append(i.text());
            } else {
                pos += c.length();
            }
        }
        return out.toString();
    }

    /**
     * The operation that undoes this one: {@code inverse.apply(this.apply(baseText)) == baseText}.
     * Needs the base text to restore what this operation deletes.
     *
     * @throws IllegalArgumentException as {@link #apply} does for {@code baseText}
     */
    public TextOperation invert(String baseText) {
        requireBaseLength(baseText.length());
        Builder inverse = builder();
        int pos = 0;
        for (Component c : components) {
            requireBoundary(baseText, pos);
            if (c instanceof Retain r) {
                inverse.retain(r.length());
                pos += r.length();
            } else if (c instanceof Insert i) {
                inverse.delete(i.length());
            } else {
                inverse.insert(baseText.substring(pos, pos + c.length()));
                pos += c.length();
            }
        }
        return inverse.build();
    }

    /**
     * The single operation with the effect of this one followed by {@code next}.
     *
     * @throws IllegalArgumentException if {@code next.baseLength() != targetLength()}, or if
     *     {@code next} would cut a surrogate pair that this operation inserts
     */
    public TextOperation compose(TextOperation next) {
        return OperationAlgebra.compose(this, next);
    }

    /** Same as {@code first.compose(second)}. */
    public static TextOperation compose(TextOperation first, TextOperation second) {
        return OperationAlgebra.compose(first, second);
    }

    /**
     * Transforms two concurrent operations on the same document so that each can be applied
     * after the other: {@code apply(apply(S, a), b') == apply(apply(S, b), a')}.
     *
     * <p><b>Tie-break:</b> when {@code a} and {@code b} insert at the same position, {@code a}'s
     * text goes first (before {@code b}'s) in the converged document. This matches ot.js's
     * {@code TextOperation.transform(a, b)}. Concord always passes the operation that is already
     * committed in the log as {@code a}: the server calls {@code transform(committed, incoming)},
     * and the client calls {@code transform(serverOp, pendingLocalOp)}, so the earlier-committed
     * text precedes on every replica (see {@link Rebase} and {@link OtClient}).
     *
     * @throws IllegalArgumentException if the base lengths differ
     */
    public static Pair transform(TextOperation a, TextOperation b) {
        return OperationAlgebra.transform(a, b);
    }

    /**
     * The compact wire form shared with ot.js: retain n is {@code n}, delete n is {@code -n}, an
     * insert is its string. Also the Jackson form of this type.
     */
    @JsonValue
    public List<Object> toWire() {
        return WireFormat.toWire(this);
    }

    /** The wire form as a JSON array, e.g. {@code [3,"hi",-2]}. */
    public String toJson() {
        return WireFormat.toJson(this);
    }

    /**
     * Decodes and validates a wire form. Strict, so that one operation has exactly one
     * encoding and a server can trust what it decoded: rejected are elements other than
     * integers and strings (including {@code 2.0}), zero, integers beyond {@code int}, empty
     * strings, inserts with a lone surrogate, more than {@link #MAX_INSERT_CHARS} inserted chars
     * in total, and forms that are not normalised (two adjacent elements of one kind, or an
     * insert right after a delete). ot.js emits only normalised forms.
     *
     * @throws IllegalArgumentException naming the first offending element and the rule it breaks
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TextOperation fromWire(List<?> wire) {
        return WireFormat.fromWire(wire);
    }

    /**
     * Parses a JSON array in wire form; see {@link #fromWire}.
     *
     * @throws IllegalArgumentException if the text is not a single JSON array or not a valid form
     */
    public static TextOperation fromJson(String json) {
        return WireFormat.fromJson(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextOperation other
                && baseLength == other.baseLength
                && targetLength == other.targetLength
                && components.equals(other.components);
    }

    @Override
    public int hashCode() {
        return Objects.hash(components, baseLength);
    }

    @Override
    public String toString() {
        return "TextOperation(" + baseLength + "->" + targetLength + ")" + toJson();
    }

    private static void requireBoundary(String doc, int pos) {
        if (Utf16.splitsPair(doc, pos)) {
            throw new IllegalArgumentException("operation boundary at index " + pos
                    + " splits a surrogate pair in the document");
        }
    }

    /**
     * The result of {@link #transform(TextOperation, TextOperation) transform(a, b)}:
     * {@code aPrime} applies after {@code b}, {@code bPrime} applies after {@code a}.
     */
    public record Pair(TextOperation aPrime, TextOperation bPrime) {
        /** @throws NullPointerException if either is null */
        public Pair {
            Objects.requireNonNull(aPrime, "aPrime");
            Objects.requireNonNull(bPrime, "bPrime");
        }
    }

    /**
     * Builds a {@link TextOperation} left to right, normalising as it goes: zero lengths are
     * dropped, runs of one kind merge, and an insert issued right after a delete is placed
     * before it. Not thread-safe; single use is not enforced but each {@link #build} snapshots.
     */
    public static final class Builder {
        private final List<Component> done = new ArrayList<>();
        // Invariant: the open tail is either a retain run, or an insert run followed by a delete
        // run (either possibly empty), never both; that is what keeps the form normal.
        private int openRetain;
        private final StringBuilder openInsert = new StringBuilder();
        private int openDelete;
        private int baseLength;
        private int targetLength;

        private Builder() {
        }

        /** Skips {@code n >= 0} code units. */
        public Builder retain(int n) {
            requireNonNegative("retain", n);
            if (n == 0) {
                return this;
            }
            baseLength = grow(baseLength, n);
            targetLength = grow(targetLength, n);
            flushInsertDelete();
            openRetain += n;
            return this;
        }

        /** Inserts {@code text}, which must be well-formed UTF-16 on its own. */
        public Builder insert(String text) {
            Utf16.requireWellFormed(text, "insert text");
            if (text.isEmpty()) {
                return this;
            }
            targetLength = grow(targetLength, text.length());
            flushRetain();
            openInsert.append(text);
            return this;
        }

        /** Deletes {@code n >= 0} code units. */
        public Builder delete(int n) {
            requireNonNegative("delete", n);
            if (n == 0) {
                return this;
            }
            baseLength = grow(baseLength, n);
            flushRetain();
            openDelete += n;
            return this;
        }

        /** The operation built so far. */
        public TextOperation build() {
            List<Component> all = new ArrayList<>(done);
            if (openRetain > 0) {
                all.add(new Retain(openRetain));
            }
            if (openInsert.length() > 0) {
                all.add(new Insert(openInsert.toString()));
            }
            if (openDelete > 0) {
                all.add(new Delete(openDelete));
            }
            return new TextOperation(all, baseLength, targetLength);
        }

        private void flushRetain() {
            if (openRetain > 0) {
                done.add(new Retain(openRetain));
                openRetain = 0;
            }
        }

        private void flushInsertDelete() {
            if (openInsert.length() > 0) {
                done.add(new Insert(openInsert.toString()));
                openInsert.setLength(0);
            }
            if (openDelete > 0) {
                done.add(new Delete(openDelete));
                openDelete = 0;
            }
        }

        private static void requireNonNegative(String what, int n) {
            if (n < 0) {
                throw new IllegalArgumentException(what + " length must not be negative, got " + n);
            }
        }

        private static int grow(int length, int n) {
            if (length > Integer.MAX_VALUE - n) {
                throw new IllegalArgumentException("operation length exceeds " + Integer.MAX_VALUE);
            }
            return length + n;
        }
    }
}
