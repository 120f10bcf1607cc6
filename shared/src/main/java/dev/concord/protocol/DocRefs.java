package dev.concord.protocol;

/** Checks of document ids and revision numbers; each message says what a valid one looks like. */
public final class DocRefs {
    private DocRefs() {
    }

    /** Document ids are handed out from 1 by the cluster. */
    public static void id(long id) {
        if (id <= 0) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "document id must be positive, got " + id
                    + "; take it from doc.open or doc.list");
        }
    }

    /** Revision 0 is the empty document before its first edit. */
    public static void revision(String field, long revision) {
        if (revision < 0) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, field + " must be a revision >= 0, got " + revision);
        }
    }
}
