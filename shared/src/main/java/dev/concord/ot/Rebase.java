package dev.concord.ot;

import java.util.List;

/**
 * The server's half of the protocol: bringing an incoming operation, written against an older
 * revision, up to the head of the log.
 *
 * <p>The committed operations are passed as the <em>first</em> argument of
 * {@link TextOperation#transform}, so at a tie (inserts at one position) the text already in the
 * log goes first. {@link OtClient#applyServer} makes the same call with the same argument order,
 * which is what lets every replica converge.
 */
public final class Rebase {

    private Rebase() {
    }

    /**
     * Transforms {@code incoming}, based on revision {@code r}, against
     * {@code committedSinceBase}, the operations committed at revisions {@code r, r+1, ...} in log
     * order; the result applies to the document at the head.
     *
     * @throws IllegalArgumentException if a length does not match, which means the client's
     *     base revision or document was wrong
     */
    public static TextOperation onto(TextOperation incoming, List<TextOperation> committedSinceBase) {
        TextOperation op = incoming;
        for (TextOperation committed : committedSinceBase) {
            op = TextOperation.transform(committed, op).bPrime();
        }
        return op;
    }
}
