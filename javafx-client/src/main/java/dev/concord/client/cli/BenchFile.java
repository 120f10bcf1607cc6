package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.FileDownload;
import dev.concord.client.session.FileTransfer;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord bench file}: one random (incompressible) file uploaded through the cluster and
 * downloaded back, with MiB/s for each. The upload time covers every chunk's round trip through
 * the log (fsync on each node, as the cluster is configured) and the commit; the client's SHA-256
 * pass over the local file is timed apart. The download reads from one node (a follower serves it
 * alone) and checks the SHA-256 as it goes. The file is deleted for good afterwards.
 */
@Command(name = "file", mixinStandardHelpOptions = true,
        description = "Upload and download throughput of one large file (MiB/s).")
final class BenchFile implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;
    @Option(names = "--size", defaultValue = "256M", paramLabel = "N[K|M|G]", description = "file size (default ${DEFAULT-VALUE})")
    String size;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        long bytes = parseSize(size);
        CliContext ctx = bench.main.ctx;
        Path dir = Files.createTempDirectory("concord-bench-file-");
        Path local = dir.resolve("up.bin");
        Path back = dir.resolve("down.bin");
        String path = "/bench/file-" + Long.toHexString(System.nanoTime());
        try (ClusterClient client = ClusterClient.connect(ctx.nodes(), FileTransfer.clientOptions())) {
            write(local, bytes);
            String load = loadAverage();
            long t0 = System.nanoTime();
            String sha = FileTransfer.sha256(local);
            long t1 = System.nanoTime();
            FileResult.Committed c;
            try (ProgressLine p = new ProgressLine(ctx.err, "upload", json)) {
                c = new FileTransfer(client, "bench").upload(local, sha, path, null, p);
            }
            long t2 = System.nanoTime();
            FileDownload.Done d;
            try (ProgressLine p = new ProgressLine(ctx.err, "download", json)) {
                d = new FileDownload(client).download(path, c.version(), back, false, p);
            }
            long t3 = System.nanoTime();
            if (!d.sha256().equals(sha)) {
                throw new ConcordException(ErrorCode.INTERNAL, "download came back with another checksum");
            }
            cleanUp(client, path);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("benchmark", "file");
            r.put("size", bytes);
            r.put("chunk", Limits.FILE_CHUNK_BYTES);
            r.put("window", FileTransfer.WINDOW);
            r.put("upload_s", secs(t2 - t1));
            r.put("upload_MiBps", mibps(bytes, t2 - t1));
            r.put("download_s", secs(t3 - t2));
            r.put("download_MiBps", mibps(bytes, t3 - t2));
            r.put("hash_MiBps", mibps(bytes, t1 - t0));
            r.put("sha256", sha);
            r.put("loadavg_before", load);
            r.put("loadavg_after", loadAverage());
            r.put("cpus", Runtime.getRuntime().availableProcessors());
            Bench.print(ctx, json, r);
            return 0;
        } finally {
            Files.deleteIfExists(local);
            Files.deleteIfExists(back);
            Files.deleteIfExists(dir);
        }
    }

    /** Moves the benchmark file to the trash and deletes that item, so the quota gets its bytes back. */
    private static void cleanUp(ClusterClient client, String path) {
        var r = client.write(new Write.File(new FileOp.Delete(path, "bench")));
        FileResult.Trashed t = (FileResult.Trashed) Results.expect(r, dev.concord.protocol.Result.File.class).value();
        Results.expect(client.write(new Write.File(new FileOp.EmptyTrash(t.trash()))), dev.concord.protocol.Result.File.class);
    }

    private static void write(Path local, long bytes) throws IOException {
        SplittableRandom rnd = new SplittableRandom(bytes);
        ByteBuffer b = ByteBuffer.allocate(Limits.FILE_CHUNK_BYTES);
        try (FileChannel ch = FileChannel.open(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < bytes; ) {
                b.clear();
                while (b.remaining() >= 8) {
                    b.putLong(rnd.nextLong());
                }
                b.flip().limit((int) Math.min(b.limit(), bytes - done));
                done += ch.write(b);
            }
            ch.force(true); // on disk before timing starts, so its writeback does not compete with the upload
        }
    }

    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t) * unit;
            if (n < 0 || n > Limits.MAX_FILE_BYTES) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size takes bytes with an optional K, M or G suffix, up to 1G; got '" + s + "'");
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double secs(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    private static double mibps(long bytes, long nanos) {
        return Math.round(bytes / 1048576.0 / (nanos / 1e9) * 10) / 10.0;
    }
}
