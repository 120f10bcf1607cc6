package dev.concord.server.state;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.List;

/** A replicated state on a temp store, driven one command per log entry, with document shortcuts. */
final class DocFixture {
    final RocksStore store;
    final ReplicatedState state;
    final DocumentReader reader;
    long index;
    long time = 1_700_000_000_000L;

    DocFixture(RocksStore store) {
        this.store = store;
        this.state = new ReplicatedState(store, 3_600_000);
        this.reader = new DocumentReader(store);
    }

    Result apply(String client, long seq, Write op) {
        time += 7;
        Result r = state.apply(new Command.Entry(Command.VERSION, List.of(new Command(Command.VERSION, client, seq, time, op))),
                ++index).get(0);
        state.commit();
        return r;
    }

    <T extends Result> T ok(String client, long seq, Write op, Class<T> type) {
        Result r = apply(client, seq, op);
        if (!type.isInstance(r)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + r);
        }
        return type.cast(r);
    }

    ErrorCode rejected(String client, long seq, Write op) {
        Result r = apply(client, seq, op);
        if (!(r instanceof Result.Rejected rej)) {
            throw new AssertionError("expected a rejection but got " + r);
        }
        return rej.code();
    }

    Response.DocText open(String path) {
        return (Response.DocText) reader.serve(new Query.DocOpen(path));
    }

    Response.DocText at(String path, int rev) {
        return (Response.DocText) reader.serve(new Query.DocAt(path, rev));
    }

    Response.DocOps ops(long id, int after) {
        return (Response.DocOps) reader.serve(new Query.DocOps(id, after, 10_000));
    }

    ErrorCode queryError(Query q) {
        try {
            reader.serve(q);
        } catch (ConcordException e) {
            return e.code();
        }
        throw new AssertionError("expected " + q + " to fail");
    }

    static TextOperation insert(int length, int pos, String text) {
        return TextOperation.builder().retain(pos).insert(text).retain(length - pos).build();
    }

    static TextOperation delete(int length, int pos, int n) {
        return TextOperation.builder().retain(pos).delete(n).retain(length - pos - n).build();
    }
}
