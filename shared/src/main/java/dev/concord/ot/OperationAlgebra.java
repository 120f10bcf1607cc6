package dev.concord.ot;

import dev.concord.ot.Component.Delete;
import dev.concord.ot.Component.Insert;
import dev.concord.ot.Component.Retain;
import java.util.List;

/**
 * Compose and transform. Both walk two component lists in lock step with a {@link Walker} that
 * can take part of a component, so every case reduces to "take the same number of code units
 * from both sides".
 */
final class OperationAlgebra {

    private OperationAlgebra() {
    }

    static TextOperation compose(TextOperation first, TextOperation second) {
        if (first.targetLength() != second.baseLength()) {
            throw new IllegalArgumentException("cannot compose: first operation produces "
                    + first.targetLength() + " chars but second expects " + second.baseLength());
        }
        TextOperation.Builder out = TextOperation.builder();
        Walker a = new Walker(first.components());
        Walker b = new Walker(second.components());
        try {
            while (a.hasNext() || b.hasNext()) {
                // A delete in the first never reaches the second; an insert in the second
                // consumes nothing of the first. Handle both before pairing lengths.
                if (a.peek() instanceof Delete) {
                    out.delete(a.takeAll().length());
                } else if (b.peek() instanceof Insert) {
                    out.insert(((Insert) b.takeAll()).text());
                } else {
                    // Equal lengths guarantee both sides still have a retain or insert here.
                    int n = Math.min(a.remaining(), b.remaining());
                    Component x = a.take(n);
                    Component y = b.take(n);
                    if (y instanceof Retain) {
                        if (x instanceof Insert i) {
                            out.insert(i.text());
                        } else {
                            out.retain(n);
                        }
                    } else if (x instanceof Retain) {
                        out.delete(n);
                    }
                    // Insert then delete of the same text cancels out.
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot compose: the second operation splits a surrogate pair the first inserts", e);
        }
        return out.build();
    }

    static TextOperation.Pair transform(TextOperation a, TextOperation b) {
        if (a.baseLength() != b.baseLength()) {
            throw new IllegalArgumentException("cannot transform: operations expect documents of "
                    + a.baseLength() + " and " + b.baseLength() + " chars");
        }
        TextOperation.Builder aPrime = TextOperation.builder();
        TextOperation.Builder bPrime = TextOperation.builder();
        Walker x = new Walker(a.components());
        Walker y = new Walker(b.components());
        while (x.hasNext() || y.hasNext()) {
            // Checking a's insert first is the tie-break: at equal positions a's text goes first.
            if (x.peek() instanceof Insert) {
                Component i = x.takeAll();
                aPrime.insert(((Insert) i).text());
                bPrime.retain(i.length());
            } else if (y.peek() instanceof Insert) {
                Component i = y.takeAll();
                aPrime.retain(i.length());
                bPrime.insert(((Insert) i).text());
            } else {
                int n = Math.min(x.remaining(), y.remaining());
                Component p = x.take(n);
                Component q = y.take(n);
                if (p instanceof Retain && q instanceof Retain) {
                    aPrime.retain(n);
                    bPrime.retain(n);
                } else if (p instanceof Delete && q instanceof Retain) {
                    aPrime.delete(n);
                } else if (p instanceof Retain && q instanceof Delete) {
                    bPrime.delete(n);
                }
                // Both delete the same text: neither needs to delete it again.
            }
        }
        return new TextOperation.Pair(aPrime.build(), bPrime.build());
    }

    /**
     * Cursor over a component list that can consume a component in pieces. Past the end it
     * reports {@code null} and zero remaining, which callers never pair with a non-empty side
     * because the length checks above make both sides run out together.
     */
    private static final class Walker {
        private final List<Component> components;
        private int index;
        private int offset;

        Walker(List<Component> components) {
            this.components = components;
        }

        boolean hasNext() {
            return index < components.size();
        }

        Component peek() {
            return hasNext() ? components.get(index) : null;
        }

        int remaining() {
            if (!hasNext()) {
                throw new IllegalStateException("operation ran out of components: lengths disagree");
            }
            return components.get(index).length() - offset;
        }

        Component takeAll() {
            return take(remaining());
        }

        /** Consumes {@code n <= remaining()} units of the current component and returns them. */
        Component take(int n) {
            Component c = components.get(index);
            Component piece;
            if (offset == 0 && n == c.length()) {
                piece = c;
            } else if (c instanceof Insert i) {
                piece = new Insert(i.text().substring(offset, offset + n));
            } else if (c instanceof Retain) {
                piece = new Retain(n);
            } else {
                piece = new Delete(n);
            }
            offset += n;
            if (offset == c.length()) {
                index++;
                offset = 0;
            }
            return piece;
        }
    }
}
