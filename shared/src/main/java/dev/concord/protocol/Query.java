package dev.concord.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A read. Register and stream reads are linearizable: the node serving them (leader or follower)
 * first confirms through Raft's readIndex that it has applied everything committed before the read
 * arrived. Events, status and digest read the node's own applied state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Query.Get.class, name = "get"),
    @JsonSubTypes.Type(value = Query.StreamRead.class, name = "stream.read"),
    @JsonSubTypes.Type(value = Query.Events.class, name = "events"),
    @JsonSubTypes.Type(value = Query.Status.class, name = "status"),
    @JsonSubTypes.Type(value = Query.Digest.class, name = "digest"),
    @JsonSubTypes.Type(value = Query.DocList.class, name = "doc.list"),
    @JsonSubTypes.Type(value = Query.DocOpen.class, name = "doc.open"),
    @JsonSubTypes.Type(value = Query.DocHistory.class, name = "doc.history"),
    @JsonSubTypes.Type(value = Query.DocAt.class, name = "doc.at"),
    @JsonSubTypes.Type(value = Query.DocOps.class, name = "doc.ops"),
    @JsonSubTypes.Type(value = Query.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = Query.File.class, name = "file"),
})
public sealed interface Query {

    /** The current value of a register. */
    record Get(String key) implements Query {
    }

    /** Up to {@code limit} records of a stream starting at offset {@code from}. */
    record StreamRead(String stream, long from, int limit) implements Query {
    }

    /**
     * Events of log entries after {@code after}; waits up to {@code waitMs} for one to commit (long-poll).
     * A page always holds whole entries, so resuming from the page's {@code last} never splits one.
     */
    record Events(long after, int limit, long waitMs) implements Query {
    }

    /** This node's Raft view: role, term, leader, indexes. */
    record Status() implements Query {
    }

    /** SHA-256 over the whole replicated state at this node's applied index. */
    record Digest() implements Query {
    }

    /** Documents whose path starts with {@code prefix} (null or "" for all), in path order. Linearizable. */
    record DocList(String prefix) implements Query {
    }

    /** The head text and revision of a document, with the log index to subscribe to events from. Linearizable. */
    record DocOpen(String path) implements Query {
    }

    /** Up to {@code limit} history lines from revision {@code from} (1 is the first edit). Linearizable. */
    record DocHistory(String path, int from, int limit) implements Query {
    }

    /** The text of a document as it was at {@code revision}. Linearizable. */
    record DocAt(String path, int revision) implements Query {
    }

    /** Up to {@code limit} committed operations after revision {@code after}, for a client catching up. Linearizable. */
    record DocOps(long id, int after, int limit) implements Query {
    }

    /** An account or chat read (see {@link dev.concord.protocol.chat.ChatQuery}); needs a session token. */
    record Chat(dev.concord.protocol.chat.ChatQuery query) implements Query {
    }

    /** A shared-folder or file read (see {@link dev.concord.protocol.files.FileQuery}). Linearizable. */
    record File(dev.concord.protocol.files.FileQuery query) implements Query {
    }
}
