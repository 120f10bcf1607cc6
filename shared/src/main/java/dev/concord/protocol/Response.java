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
    @JsonSubTypes.Type(value = Response.DocList.class, name = "doc.list"),
    @JsonSubTypes.Type(value = Response.DocText.class, name = "doc.text"),
    @JsonSubTypes.Type(value = Response.DocHistory.class, name = "doc.history"),
    @JsonSubTypes.Type(value = Response.DocOps.class, name = "doc.ops"),
    @JsonSubTypes.Type(value = Response.Carets.class, name = "carets"),
    @JsonSubTypes.Type(value = Response.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = Response.File.class, name = "file"),
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
     * (it advances even when a page is empty, so a subscriber never re-reads). {@code leader} is the
     * serving node's view of the leader ({@code host:port}, or null): subscribers move there, since
     * the leader hears of commits first.
     */
    record EventPage(List<Event> events, long last, String leader) implements Response {
        public EventPage {
            events = List.copyOf(events);
        }

        public EventPage(List<Event> events, long last) {
            this(events, last, null);
        }

        public EventPage withLeader(String leader) {
            return new EventPage(events, last, leader);
        }
    }

    /** A node's status. */
    record Status(NodeStatus node) implements Response {
    }

    /** State digest at an applied index. */
    record Digest(long appliedIndex, String sha256) implements Response {
    }

    /** Documents in path order; {@code more} when the list stopped at {@link Limits#MAX_PAGE}. */
    record DocList(List<DocInfo> docs, boolean more, long index) implements Response {
        public DocList {
            docs = List.copyOf(docs);
        }
    }

    /**
     * A document's text at {@code revision}; {@code index} is the applied log index the read saw, so
     * events after it are exactly the changes the text does not include yet.
     */
    record DocText(long id, String path, int revision, String text, long index) implements Response {
    }

    /** History lines in revision order; {@code head} is the current revision. */
    record DocHistory(long id, String path, int head, List<DocRevision> revisions, long index) implements Response {
        public DocHistory {
            revisions = List.copyOf(revisions);
        }
    }

    /** Committed operations in revision order, as of log index {@code index}; {@code head} is the current revision. */
    record DocOps(long id, String path, int head, List<DocOp> ops, long index) implements Response {
        public DocOps {
            ops = List.copyOf(ops);
        }
    }

    /**
     * The carets of document {@code doc} on the leader; {@code version} changes whenever one is
     * set, moves or expires (it is not ordered across leaders: watch for a different value).
     */
    record Carets(long doc, long version, List<dev.concord.protocol.presence.Caret> carets) implements Response {
        public Carets {
            carets = List.copyOf(carets);
        }
    }

    /** Answer to a {@link Query.Chat} (see {@link dev.concord.protocol.chat.ChatReply}). */
    record Chat(dev.concord.protocol.chat.ChatReply reply) implements Response {
    }

    /** Answer to a {@link Query.File} as of applied log index {@code index} (see {@link dev.concord.protocol.files.FileReply}). */
    record File(dev.concord.protocol.files.FileReply value, long index) implements Response {
    }
}
