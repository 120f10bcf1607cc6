package dev.concord.protocol;

/** Shared input checks; each failure message names the field and the rule. */
public final class Validation {
    private Validation() {
    }

    /** A name: 1..{@link Limits#MAX_NAME_CHARS} chars, no control characters. */
    public static void name(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, field + " must not be empty");
        }
        if (name.length() > Limits.MAX_NAME_CHARS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, field + " is " + name.length()
                    + " chars; the limit is " + Limits.MAX_NAME_CHARS);
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, field + " contains a control character at " + i);
            }
        }
    }

    /** A payload string: present and at most {@link Limits#MAX_VALUE_CHARS} chars. */
    public static void value(String field, String value) {
        if (value == null) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, field + " is missing");
        }
        if (value.length() > Limits.MAX_VALUE_CHARS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, field + " is " + value.length()
                    + " chars; the limit is " + Limits.MAX_VALUE_CHARS + " (split it)");
        }
    }

    /** Rejects "" where null already means "absent". */
    public static void nonEmpty(String field, String value) {
        if (value.isEmpty()) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, field + " must not be empty (null means absent)");
        }
    }

    /** A client id: 1..64 chars of letters, digits, '-', '_', '.', ':'. */
    public static void clientId(String clientId) {
        if (clientId == null || !clientId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new ConcordException(ErrorCode.BAD_REQUEST,
                    "clientId must be 1-64 letters, digits, '-', '_', '.', ':'");
        }
    }
}
