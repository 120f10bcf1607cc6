package dev.concord.protocol;

/** An error with a stable code and a message that says what to do; thrown by validation and by the client library. */
public class ConcordException extends RuntimeException {
    private final ErrorCode code;

    public ConcordException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ConcordException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
