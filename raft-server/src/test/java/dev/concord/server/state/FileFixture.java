package dev.concord.server.state;

import dev.concord.config.FileLimits;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileResult;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** A replicated state on a temp store, one command per log entry, with file shortcuts. */
final class FileFixture {
    final RocksStore store;
    final ReplicatedState state;
    final FileReader reader;
    final StateReader stateReader;
    long index;
    long time = 1_700_000_000_000L;
    long seq;

    FileFixture(RocksStore store, FileLimits limits) {
        this.store = store;
        this.state = new ReplicatedState(store, 3_600_000, ReplicatedState.EVENT_RETAIN, limits);
        this.reader = new FileReader(store, limits);
        this.stateReader = new StateReader(store, limits);
    }

    Result apply(Write op) {
        return apply("c", op);
    }

    Result apply(String client, Write op) {
        time += 7;
        Result r = state.apply(new Command.Entry(Command.VERSION, List.of(new Command(Command.VERSION, client, ++seq, time, op))),
                ++index).get(0);
        state.commit();
        return r;
    }

    <T extends FileResult> T ok(FileOp op, Class<T> type) {
        Result r = apply(new Write.File(op));
        if (r instanceof Result.File f && type.isInstance(f.value())) {
            return type.cast(f.value());
        }
        throw new AssertionError("expected " + type.getSimpleName() + " but got " + r);
    }

    Result.Rejected rejected(FileOp op) {
        Result r = apply(new Write.File(op));
        if (r instanceof Result.Rejected rej) {
            return rej;
        }
        throw new AssertionError("expected a rejection of " + op + " but got " + r);
    }

    ErrorCode code(FileOp op) {
        return rejected(op).code();
    }

    FileReply query(FileQuery q) {
        return reader.serve(q).value();
    }

    ErrorCode queryError(FileQuery q) {
        try {
            reader.serve(q);
        } catch (ConcordException e) {
            return e.code();
        }
        throw new AssertionError("expected " + q + " to fail");
    }

    /** Uploads {@code data} to {@code path} as {@code author}; returns the commit result. */
    FileResult.Committed put(String path, byte[] data, String author, Long expect) {
        long id = begin(path, data, author, expect).upload();
        chunks(id, data, 0);
        return ok(new FileOp.Commit(id), FileResult.Committed.class);
    }

    FileResult.UploadStarted begin(String path, byte[] data, String author, Long expect) {
        return ok(new FileOp.Begin(path, data.length, sha256(data), expect, author), FileResult.UploadStarted.class);
    }

    void chunks(long upload, byte[] data, int from) {
        for (int i = from; i < chunks(data); i++) {
            ok(new FileOp.Chunk(upload, i, chunk(data, i)), FileResult.ChunkStored.class);
        }
    }

    /** Reads a version (0: the head) back chunk by chunk, as a client does. */
    byte[] get(String path, long version) {
        FileReply.Versions vs = (FileReply.Versions) query(new FileQuery.Versions(path));
        long v = version > 0 ? version : vs.head();
        long size = vs.versions().stream().filter(x -> x.version() == v).findFirst().orElseThrow().size();
        byte[] out = new byte[(int) size];
        for (int i = 0; i < FileOp.chunkCount(size); i++) {
            FileReply.Data d = (FileReply.Data) query(new FileQuery.Read(vs.id(), v, i, index));
            System.arraycopy(d.data(), 0, out, i * Limits.FILE_CHUNK_BYTES, d.data().length);
        }
        return out;
    }

    List<Event> eventsAt(long idx) {
        return stateReader.events(idx - 1, 10_000).events();
    }

    long usage(String account) {
        return ((FileReply.Usage) query(new FileQuery.Usage(account))).used();
    }

    long clusterUsage() {
        return ((FileReply.Usage) query(new FileQuery.Usage("x"))).clusterUsed();
    }

    static int chunks(byte[] data) {
        return FileOp.chunkCount(data.length);
    }

    static byte[] chunk(byte[] data, int i) {
        int from = i * Limits.FILE_CHUNK_BYTES;
        return Arrays.copyOfRange(data, from, Math.min(data.length, from + Limits.FILE_CHUNK_BYTES));
    }

    static String sha256(byte[] data) {
        MessageDigest md = UploadDigests.sha256();
        return HexFormat.of().formatHex(md.digest(data));
    }
}
