package dev.concord.protocol;

import java.util.List;

/** The body of a {@link Frames.WriteFrame}: concurrent writes of one client process, sent as one RPC. */
public record WriteBatch(int protocol, List<ClientWrite> writes) {
    public WriteBatch {
        writes = List.copyOf(writes);
    }
}
