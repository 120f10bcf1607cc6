package dev.concord.protocol.presence;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Validation;

/**
 * Where one viewer of a document has its caret and selection. Positions are UTF-16 indices into
 * the server text at {@code revision}: the publisher maps its local selection back through the
 * edits it has not had acknowledged yet, and each receiver carries it forward through whatever it
 * has seen since, so a caret lands on the same character everywhere.
 *
 * @param clientId the publishing document session (one per open editor, so two windows of one
 *     user are two carets)
 * @param user display name shown beside the caret
 */
public record Caret(String clientId, String user, int revision, int anchor, int head) {
    /** Longest display name carried with a caret. */
    public static final int MAX_USER_CHARS = 64;

    /** Throws BAD_REQUEST naming the field that is wrong. */
    public void validate() {
        Validation.clientId(clientId);
        if (user == null || user.isBlank() || user.length() > MAX_USER_CHARS) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "caret user must be 1-" + MAX_USER_CHARS
                    + " characters; log in or pass --user NAME");
        }
        if (revision < 0 || anchor < 0 || head < 0) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "caret revision and positions must not be negative, got "
                    + revision + "/" + anchor + "/" + head);
        }
    }
}
