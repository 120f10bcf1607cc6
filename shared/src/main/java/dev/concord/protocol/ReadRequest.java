package dev.concord.protocol;

/** The body of a {@link Frames.ReadFrame}. */
public record ReadRequest(int protocol, Query query) {
}
