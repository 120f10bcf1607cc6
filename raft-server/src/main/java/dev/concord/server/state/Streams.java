package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.Result;
import dev.concord.protocol.StreamRecord;

/** Append-only named logs: records get dense offsets 0, 1, 2, ... in log order. */
final class Streams {
    private final KvStore store;

    Streams(KvStore store) {
        this.store = store;
    }

    Result.Appended append(String stream, String text, long index, long time, String clientId, long seq) {
        long offset = Keys.longOf(store.get(Keys.streamSize(stream)), 0);
        store.put(Keys.record(stream, offset),
                Codec.encode(new StreamRecord(offset, index, time, clientId, seq, text)));
        store.put(Keys.streamSize(stream), Keys.longValue(offset + 1));
        return new Result.Appended(stream, offset, index);
    }
}
