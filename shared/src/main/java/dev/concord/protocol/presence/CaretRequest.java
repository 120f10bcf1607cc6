package dev.concord.protocol.presence;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocRefs;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Validation;

/**
 * Presence of collaborators in a document: ephemeral, never in the log. Every request goes to the
 * leader, which keeps one in-memory table per document (see the server's {@code CaretTable}); a
 * follower answers NOT_LEADER with a hint. Replies are {@link dev.concord.protocol.Response.Carets}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CaretRequest.Publish.class, name = "publish"),
    @JsonSubTypes.Type(value = CaretRequest.Watch.class, name = "watch"),
    @JsonSubTypes.Type(value = CaretRequest.Leave.class, name = "leave"),
})
public sealed interface CaretRequest {
    /** Longest a watch may park on the leader. */
    long MAX_WAIT_MS = 30_000;

    /** Throws BAD_REQUEST naming the field that is wrong. */
    void validate();

    /** Sets the caller's caret; it expires unless published again within the server's time-to-live. */
    record Publish(long doc, Caret caret) implements CaretRequest {
        @Override
        public void validate() {
            DocRefs.id(doc);
            if (caret == null) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "publish has no caret");
            }
            caret.validate();
        }
    }

    /**
     * Answers with the document's carets once their version differs from {@code after} (at once
     * if it already does), or after {@code waitMs} with the same version.
     */
    record Watch(long doc, long after, long waitMs) implements CaretRequest {
        @Override
        public void validate() {
            DocRefs.id(doc);
            if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "waitMs must be 0.." + MAX_WAIT_MS + ", got " + waitMs);
            }
        }
    }

    /** Removes the caller's caret at once (closing an editor), rather than waiting for it to expire. */
    record Leave(long doc, String clientId) implements CaretRequest {
        @Override
        public void validate() {
            DocRefs.id(doc);
            Validation.clientId(clientId);
        }
    }

    /**
     * The body of a {@link dev.concord.protocol.Frames.CaretFrame}. {@code token} is the caller's
     * session token or null; with one, the leader shows the session's account name beside the
     * caret instead of the name the client sent, and under {@code require_auth} it is required.
     */
    record Envelope(int protocol, CaretRequest request, String token) {
        public Envelope(int protocol, CaretRequest request) {
            this(protocol, request, null);
        }
    }
}
