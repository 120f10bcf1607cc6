package dev.concord.ot;

/**
 * One step of a {@link TextOperation}: an imaginary cursor runs over the base document once, from
 * start to end, and each component either skips ({@link Retain}), adds ({@link Insert}) or removes
 * ({@link Delete}) text at the cursor. Lengths are UTF-16 code units.
 *
 * <p>Every component is non-empty; an {@link Insert} is well-formed UTF-16 (no lone surrogates).
 */
public sealed interface Component permits Component.Retain, Component.Insert, Component.Delete {

    /** Code units this component spans: in the base document for retain/delete, in the result for insert. */
    int length();

    /** Keep the next {@code length} code units of the base document. */
    record Retain(int length) implements Component {
        /** @throws IllegalArgumentException if {@code length <= 0} */
        public Retain {
            if (length <= 0) {
                throw new IllegalArgumentException("retain length must be positive, got " + length);
            }
        }
    }

    /** Insert {@code text} at the cursor; the base document is not consumed. */
    record Insert(String text) implements Component {
        /** @throws IllegalArgumentException if {@code text} is empty or has a lone surrogate */
        public Insert {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("insert text must not be empty");
            }
            Utf16.requireWellFormed(text, "insert text");
        }

        @Override
        public int length() {
            return text.length();
        }
    }

    /** Remove the next {@code length} code units of the base document. */
    record Delete(int length) implements Component {
        /** @throws IllegalArgumentException if {@code length <= 0} */
        public Delete {
            if (length <= 0) {
                throw new IllegalArgumentException("delete length must be positive, got " + length);
            }
        }
    }
}
