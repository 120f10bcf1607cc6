package dev.concord.protocol;

/** The body of a {@link Frames.ReadFrame}; {@code token} is the caller's session token or null. */
public record ReadRequest(int protocol, Query query, String token) {

    /** A read made without a session. */
    public ReadRequest(int protocol, Query query) {
        this(protocol, query, null);
    }
}
