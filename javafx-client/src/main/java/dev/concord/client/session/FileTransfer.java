package dev.concord.client.session;

import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileResult;
import dev.concord.protocol.files.UploadInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Uploads of local files into the shared tree, chunk by chunk, at most {@code window} chunks (of
 * {@link Limits#FILE_CHUNK_BYTES}) in memory and in flight. Downloads are {@link FileDownload}.
 *
 * <p>Resuming: the cluster keeps an unfinished upload with its declared size and SHA-256, so a put
 * of the same bytes to the same path by the same author continues it, from the chunk the cluster
 * says it expects: after a failover (the write pipeline's retries reorder chunks, the cluster
 * refuses a gap, this class asks the upload's state and resends from there) and after a client
 * restart alike. A chunk the cluster already has is answered, not stored twice.
 */
public final class FileTransfer {
    /**
     * Chunks in flight and in memory at once. A chunk's round trip is several thread hand-offs on
     * three nodes plus fsyncs, so throughput grows with the window until the disk or the CPU is
     * busy; but every chunk in flight is also queued ahead of other clients' writes in the log, so
     * the window stays small: 8 MiB is 50 ms of log at 160 MiB/s.
     */
    public static final int WINDOW = 8;
    /** Resyncs in a row without progress before an upload gives up. */
    private static final int MAX_STALLS = 8;

    /** Bytes done of a total, reported as a transfer proceeds (from the transfer's thread). */
    public interface Progress {
        void update(long done, long total);
    }

    private final ClusterClient client;
    private final String author;

    /**
     * Client options for transfers: the window's RPCs in flight at once, an RPC timeout that a
     * chunk's commit on a busy machine fits in (a crashed leader still fails fast: its connection is
     * refused), and a deadline long enough that a slow moment resyncs instead of failing.
     */
    public static ClientOptions clientOptions() {
        ClientOptions d = ClientOptions.defaults();
        return new ClientOptions(30_000, 10_000, WINDOW, d.maxBatch(), d.maxBatchBytes());
    }

    /** {@code author} names whom uploads are attributed and charged to (until accounts land: any name). */
    public FileTransfer(ClusterClient client, String author) {
        this.client = client;
        this.author = author;
    }

    public String author() {
        return author;
    }

    /**
     * Uploads {@code local} to {@code path} as its next version; with {@code expect} only if the file
     * is at that version (0: only if nothing is there), else CONFLICT. Missing folders above it are created.
     */
    public FileResult.Committed upload(Path local, String path, Long expect, Progress progress) {
        return upload(local, sha256(local), path, expect, progress);
    }

    /** {@link #upload(Path, String, Long, Progress)} of a file whose SHA-256 the caller computed already. */
    public FileResult.Committed upload(Path local, String sha, String path, Long expect, Progress progress) {
        long size = size(local);
        FileOp.Begin begin = new FileOp.Begin(path, size, sha, expect, author);
        begin.validate();
        ClusterClient.Writer writer = client.newWriter();
        UploadInfo resumable = resumable(begin);
        long id = resumable != null ? resumable.id()
                : result(writer.submit(new Write.File(begin)), FileResult.UploadStarted.class).upload();
        try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
            send(writer, ch, id, resumable != null ? resumable.next() : 0, size, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local + ": " + e.getMessage(), e);
        }
        return commit(writer, id, path, sha);
    }

    /** An unfinished upload of the same bytes to the same path by the same author, or null. */
    private UploadInfo resumable(FileOp.Begin b) {
        FileReply.Uploads ups = reply(client.read(new Query.File(new FileQuery.Uploads(b.path()))), FileReply.Uploads.class);
        for (UploadInfo u : ups.uploads()) {
            if (u.author().equals(b.author()) && u.size() == b.size() && u.sha256().equals(b.sha256())
                    && Objects.equals(u.expect(), b.expect())) {
                return u;
            }
        }
        return null;
    }

    private record InFlight(int index, CompletableFuture<Result> done) {
    }

    /** Sends chunks {@code from}.. in order, resyncing with the upload's state after any gap or failure. */
    private void send(ClusterClient.Writer writer, FileChannel ch, long id, int from, long size, Progress progress)
            throws IOException {
        int chunks = FileOp.chunkCount(size);
        int next = from;
        int stalls = 0;
        progress.update(Math.min(size, (long) next * Limits.FILE_CHUNK_BYTES), size);
        while (next < chunks) {
            ArrayDeque<InFlight> window = new ArrayDeque<>();
            int k = next;
            boolean resync = false;
            ConcordException cause = null;
            while (k < chunks || !window.isEmpty()) {
                while (!resync && k < chunks && window.size() < WINDOW) {
                    byte[] data = read(ch, k, size);
                    window.add(new InFlight(k, writer.submit(new Write.File(new FileOp.Chunk(id, k, data)))));
                    k++;
                }
                if (window.isEmpty()) {
                    break;
                }
                try {
                    Result r = ClusterClient.await(window.poll().done());
                    if (r instanceof Result.File f && f.value() instanceof FileResult.ChunkStored s) {
                        progress.update(s.received(), size);
                    } else if (r instanceof Result.Rejected rej && rej.code() == ErrorCode.CONFLICT) {
                        resync = true; // a gap: chunks reached the log out of order after a retry
                    } else {
                        throw failure(r);
                    }
                } catch (ConcordException e) {
                    if (!e.code().retryable()) {
                        throw e;
                    }
                    resync = true;
                    cause = e;
                }
            }
            if (!resync) {
                return;
            }
            int known = state(id).next();
            stalls = known > next ? 0 : stalls + 1;
            if (stalls > MAX_STALLS) {
                throw new ConcordException(cause != null ? cause.code() : ErrorCode.UNAVAILABLE, "upload " + id
                        + " makes no progress (stuck at chunk " + known + " of " + chunks + ")"
                        + (cause != null ? ": " + cause.getMessage() : "") + "; run the same put again to resume");
            }
            next = known;
        }
    }

    private FileResult.Committed commit(ClusterClient.Writer writer, long id, String path, String sha) {
        for (int attempt = 0; ; attempt++) {
            try {
                return result(writer.submit(new Write.File(new FileOp.Commit(id))), FileResult.Committed.class);
            } catch (ConcordException e) {
                // Outcome unknown after NO_QUORUM; a NOT_FOUND on the retry may mean the first attempt committed.
                boolean unknown = e.code().retryable() || (attempt > 0 && e.code() == ErrorCode.NOT_FOUND);
                if (!unknown || attempt >= 3) {
                    throw e;
                }
                FileReply.Stat st = stat(path);
                if (st != null && sha.equals(st.entry().sha256()) && uploadGone(id)) {
                    return new FileResult.Committed(st.entry().id(), path, st.entry().version(), st.entry().size(), sha);
                }
            }
        }
    }

    private FileReply.Stat stat(String path) {
        try {
            return reply(client.read(new Query.File(new FileQuery.Stat(path))), FileReply.Stat.class);
        } catch (ConcordException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private boolean uploadGone(long id) {
        try {
            state(id);
            return false;
        } catch (ConcordException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    private UploadInfo state(long id) {
        return reply(client.read(new Query.File(new FileQuery.Upload(id))), FileReply.Upload.class).upload();
    }

    private static byte[] read(FileChannel ch, int index, long size) throws IOException {
        long pos = (long) index * Limits.FILE_CHUNK_BYTES;
        byte[] data = new byte[(int) Math.min(Limits.FILE_CHUNK_BYTES, size - pos)];
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("the file got shorter while it was uploaded; upload it again");
            }
        }
        return data;
    }

    static <T extends FileResult> T result(CompletableFuture<Result> f, Class<T> type) {
        Result r = ClusterClient.await(f);
        if (r instanceof Result.File file && type.isInstance(file.value())) {
            return type.cast(file.value());
        }
        throw failure(r);
    }

    private static ConcordException failure(Result r) {
        if (r instanceof Result.Rejected rej) {
            return new ConcordException(rej.code(), rej.message());
        }
        return new ConcordException(ErrorCode.INTERNAL, "unexpected result " + r);
    }

    static <T extends FileReply> T reply(Response r, Class<T> type) {
        if (r instanceof Response.File f && type.isInstance(f.value())) {
            return type.cast(f.value());
        }
        throw new ConcordException(ErrorCode.INTERNAL, "expected " + type.getSimpleName() + " but got " + r);
    }

    static long size(Path local) {
        try {
            return Files.size(local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a local file, read in chunk-sized pieces. */
    public static String sha256(Path file) {
        MessageDigest md = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(Limits.FILE_CHUNK_BYTES);
            while (ch.read(b.clear()) >= 0) {
                md.update(b.flip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
