package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** The body of every {@link Frames.ReplyFrame}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Response.Results.class, name = "results"),
    @JsonSubTypes.Type(value = Response.Failure.class, name = "failure"),
    @JsonSubTypes.Type(value = Response.Value.class, name = "value"),
    @JsonSubTypes.Type(value = Response.Records.class, name = "records"),
    @JsonSubTypes.Type(value = Response.EventPage.class, name = "events"),
    @JsonSubTypes.Type(value = Response.Status.class, name = "status"),
    @JsonSubTypes.Type(value = Response.Digest.class, name = "digest"),
    @JsonSubTypes.Type(value = Response.Chat.class, name = "chat"),
})
public sealed interface Response {

    /** One result per write of the batch, in the same order. */
    record Results(List<Result> results) implements Response {
        public Results {
            results = List.copyOf(results);
        }
    }

    /**
     * The whole request failed. {@code leader} is a {@code host:port} hint for NOT_LEADER, else null.
     */
    record Failure(ErrorCode code, String message, String leader) implements Response {
    }

    /** A register's value ({@code null} when absent) as of log index {@code index}. */
    record Value(String key, String value, long index) implements Response {
    }

    /** Stream records; {@code next} is the offset to read from next, {@code size} the stream length. */
    record Records(String stream, List<StreamRecord> records, long next, long size) implements Response {
        public Records {
            records = List.copyOf(records);
        }
    }

    /**
     * Events after the requested index; {@code last} is the index to pass as {@code after} next time
     * (it advances even when a page is empty, so a subscriber never re-reads).
     */
    record EventPage(List<Event> events, long last) implements Response {
        public EventPage {
            events = List.copyOf(events);
        }
    }

    /** A node's status. */
    record Status(NodeStatus node) implements Response {
    }

    /** State digest at an applied index. */
    record Digest(long appliedIndex, String sha256) implements Response {
    }

    /** Answer to a {@link Query.Chat} (see {@link dev.concord.protocol.chat.ChatReply}). */
    record Chat(dev.concord.protocol.chat.ChatReply reply) implements Response {
    }
}
