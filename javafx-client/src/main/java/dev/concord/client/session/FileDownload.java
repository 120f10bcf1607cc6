package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads a file version chunk by chunk from whichever node the client reads from, at most
 * {@link FileTransfer#WINDOW} chunks in flight, into {@code LOCAL.<sha-prefix>.concord-part}; the
 * part is checked against the version's SHA-256 and then renamed to {@code LOCAL}. A part left by
 * an interrupted download of the same bytes is continued from its last whole chunk (re-hashing what
 * it holds). Reads of other nodes after a failure are the client's own retries; the version's
 * bytes are the same on every node, and the final checksum proves it.
 */
public final class FileDownload {
    private static final int ATTEMPTS = 4;

    /** What was written; {@code resumedAt} is the byte offset a previous part let it start from. */
    public record Done(long id, String path, long version, long size, String sha256, long resumedAt, Path local) {
    }

    private final ClusterClient client;

    public FileDownload(ClusterClient client) {
        this.client = client;
    }

    /** Downloads version {@code version} (0: the head) of the file at {@code path} to {@code local}. */
    public Done download(String path, long version, Path local, boolean force, FileTransfer.Progress progress) {
        if (Files.exists(local) && !force) {
            throw new ConcordException(ErrorCode.CONFLICT, local + " exists; pass --force to overwrite it");
        }
        Response.File st = (Response.File) client.read(new Query.File(new FileQuery.Stat(path)));
        FileEntry e = ((FileReply.Stat) st.value()).entry();
        if (!FileEntry.FILE.equals(e.kind())) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, path + " is a " + e.kind() + ", not a file");
        }
        long v = version > 0 ? version : e.version();
        long size = e.size();
        String sha = e.sha256();
        if (v != e.version()) {
            FileReply.Versions vs = FileTransfer.reply(client.read(new Query.File(new FileQuery.Versions(path))),
                    FileReply.Versions.class);
            FileVersion fv = vs.versions().stream().filter(x -> x.version() == v).findFirst().orElseThrow(() ->
                    new ConcordException(ErrorCode.NOT_FOUND, "version " + v + " of " + path + " is not kept; list the"
                            + " versions with bin/concord file versions " + path));
            size = fv.size();
            sha = fv.sha256();
        }
        Path part = local.resolveSibling(local.getFileName() + "." + sha.substring(0, 16) + ".concord-part");
        try {
            long from = fetch(e.id(), v, size, sha, st.index(), part, progress);
            if (force) {
                Files.move(part, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(part, local, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Done(e.id(), path, v, size, sha, from, local);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + part + ": " + ex.getMessage(), ex);
        }
    }

    private record InFlight(int index, CompletableFuture<Response> reply) {
    }

    /** Fills {@code part} with the version's bytes and checks them; returns where it resumed. */
    private long fetch(long id, long version, long size, String sha, long atIndex, Path part,
                       FileTransfer.Progress progress) throws IOException {
        int chunks = FileOp.chunkCount(size);
        MessageDigest md = FileTransfer.sha256();
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            int have = (int) Math.min(chunks, out.size() / Limits.FILE_CHUNK_BYTES);
            out.truncate((long) have * Limits.FILE_CHUNK_BYTES);
            rehash(out, md, (long) have * Limits.FILE_CHUNK_BYTES);
            long resumedAt = (long) have * Limits.FILE_CHUNK_BYTES;
            progress.update(resumedAt, size);
            ArrayDeque<InFlight> window = new ArrayDeque<>();
            int k = have;
            for (int next = have; next < chunks; next++) {
                while (k < chunks && window.size() < FileTransfer.WINDOW) {
                    window.add(new InFlight(k, read(id, version, k, atIndex)));
                    k++;
                }
                InFlight f = window.poll();
                byte[] data = await(f, id, version, atIndex);
                long pos = (long) f.index() * Limits.FILE_CHUNK_BYTES;
                long expected = Math.min(Limits.FILE_CHUNK_BYTES, size - pos);
                if (data.length != expected) {
                    throw new ConcordException(ErrorCode.INTERNAL, "chunk " + f.index() + " came back with " + data.length
                            + " bytes instead of " + expected + "; download again");
                }
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    out.write(b, pos + b.position());
                }
                md.update(data);
                progress.update(pos + data.length, size);
            }
            out.force(false);
            String got = HexFormat.of().formatHex(md.digest());
            if (!got.equals(sha)) {
                out.close();
                Files.deleteIfExists(part);
                throw new ConcordException(ErrorCode.INTERNAL, "downloaded bytes have SHA-256 " + got + " but version "
                        + version + " has " + sha + "; the partial file was removed, download again");
            }
            return resumedAt;
        }
    }

    private CompletableFuture<Response> read(long id, long version, int chunk, long atIndex) {
        return client.readAsync(new Query.File(new FileQuery.Read(id, version, chunk, atIndex)));
    }

    /** The chunk's bytes; a read that failed retryably (every node busy or down for a while) is sent again. */
    private byte[] await(InFlight f, long id, long version, long atIndex) {
        CompletableFuture<Response> reply = f.reply();
        for (int attempt = 1; ; attempt++) {
            try {
                FileReply.Data d = FileTransfer.reply(ClusterClient.await(reply), FileReply.Data.class);
                return d.data();
            } catch (ConcordException e) {
                if (!e.code().retryable() || attempt >= ATTEMPTS) {
                    throw e;
                }
                reply = read(id, version, f.index(), atIndex);
            }
        }
    }

    private static void rehash(FileChannel ch, MessageDigest md, long upTo) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Limits.FILE_CHUNK_BYTES);
        long pos = 0;
        while (pos < upTo) {
            b.clear().limit((int) Math.min(b.capacity(), upTo - pos));
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            md.update(b.flip());
            pos += n;
        }
    }
}
