package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import dev.concord.client.cli.Main;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.FileDownload;
import dev.concord.client.session.FileTransfer;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files through a real 3-node cluster (one cluster for the class, to stay within the time budget
 * of a 2-core machine). Every transfer is checked by SHA-256 end to end; a duplicated, missing or
 * reordered chunk would change it. Node digests prove all replicas hold the same bytes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesIT {
    private static final int MIB = 1 << 20;
    private static TestCluster cluster;
    private static ClusterClient client;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3, "file_quota_user_mib = 200\nfile_quota_cluster_mib = 400\nfile_versions_kept = 2\n");
        client = cluster.client(FileTransfer.clientOptions());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Path random(String name, long size, long seed) throws IOException {
        Path p = tmp.resolve(name);
        Random rnd = new Random(seed);
        byte[] buf = new byte[MIB];
        try (var out = Files.newOutputStream(p)) {
            for (long done = 0; done < size; done += buf.length) {
                rnd.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, size - done));
            }
        }
        return p;
    }

    /** Files on every chunk boundary go up and come back with the same SHA-256. */
    @Test
    @Order(1)
    void randomFilesOnChunkBoundariesRoundTrip() throws IOException {
        FileTransfer up = new FileTransfer(client, "ann");
        FileDownload down = new FileDownload(client);
        for (long size : new long[] {0, 1, Limits.FILE_CHUNK_BYTES, Limits.FILE_CHUNK_BYTES + 1L}) {
            Path local = random("rt-" + size, size, size);
            String sha = FileTransfer.sha256(local);
            FileResult.Committed c = up.upload(local, "/rt/f-" + size, null, (d, t) -> { });
            assertThat(c.sha256()).as("size %d", size).isEqualTo(sha);
            assertThat(c.size()).isEqualTo(size);
            Path back = tmp.resolve("rt-back-" + size);
            FileDownload.Done d = down.download("/rt/f-" + size, 0, back, false, (x, t) -> { });
            assertThat(d.sha256()).isEqualTo(sha);
            assertThat(Files.mismatch(local, back)).as("size %d", size).isEqualTo(-1);
        }
    }

    /**
     * A 50 MiB upload survives a leader crash at 40%; the crashed node, kept down while snapshots
     * truncate the log past the upload, comes back by installing a snapshot that carries the file,
     * and serves it itself with the right checksum.
     */
    @Test
    @Order(2)
    void aLargeUploadSurvivesALeaderCrashAndACrashedNodeGetsItBySnapshot() throws Exception {
        Path local = random("big", 50L * MIB, 50);
        String sha = FileTransfer.sha256(local);
        int leader = cluster.awaitLeader();
        AtomicBoolean killed = new AtomicBoolean();
        FileResult.Committed c = new FileTransfer(client, "bob").upload(local, sha, "/big/50m", null, (done, total) -> {
            if (done >= total * 4 / 10 && killed.compareAndSet(false, true)) {
                cluster.kill(leader);
            }
        });
        assertThat(killed).isTrue();
        assertThat(c.sha256()).isEqualTo(sha);
        FileReply.Stat st = stat("/big/50m");
        assertThat(st.chunks()).isEqualTo(50);
        assertThat(st.entry().version()).as("one commit, no duplicate version").isEqualTo(1);

        snapshotTwice(leader);
        cluster.startNode(leader);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                cluster.status(leader).map(NodeStatus::installedSnapshotIndex).orElse(0L) > 0);
        cluster.awaitSameDigest(List.of(1, 2, 3), Duration.ofSeconds(60));

        ClusterClient fromRestarted = cluster.client(FileTransfer.clientOptions());
        fromRestarted.readFrom(cluster.node(leader));
        Path back = tmp.resolve("big-from-" + leader);
        FileDownload.Done d = new FileDownload(fromRestarted).download("/big/50m", 0, back, false, (x, t) -> { });
        assertThat(d.sha256()).isEqualTo(sha);
        Files.delete(back);
    }

    /** A download from the leader survives that leader's crash at 40%, reading the rest from another node. */
    @Test
    @Order(3)
    void aDownloadSurvivesACrashOfTheNodeServingIt() throws Exception {
        String sha = stat("/big/50m").entry().sha256();
        int leader = cluster.awaitLeader();
        ClusterClient reader = cluster.client(FileTransfer.clientOptions());
        reader.readFrom(cluster.node(leader));
        AtomicBoolean killed = new AtomicBoolean();
        Path back = tmp.resolve("big-back");
        FileDownload.Done d = new FileDownload(reader).download("/big/50m", 0, back, false, (done, total) -> {
            if (done >= total * 4 / 10 && killed.compareAndSet(false, true)) {
                cluster.kill(leader);
            }
        });
        assertThat(killed).isTrue();
        assertThat(d.sha256()).isEqualTo(sha);
        assertThat(Files.size(back)).isEqualTo(50L * MIB);
        assertThat(FileTransfer.sha256(back)).isEqualTo(sha);
        Files.delete(back);
        cluster.startNode(leader);
        cluster.awaitSameDigest(List.of(1, 2, 3), Duration.ofSeconds(60));
    }

    /** An upload and a download interrupted in the client continue where they stopped. */
    @Test
    @Order(4)
    void interruptedTransfersResumeFromWhatIsAlreadyThere() throws IOException {
        Path local = random("resume", 5L * MIB + 7, 5);
        String sha = FileTransfer.sha256(local);
        // A client that died after three chunks: the cluster keeps its upload.
        ClusterClient.Writer w = client.newWriter();
        long id = ((FileResult.UploadStarted) ((Result.File) client.write(new Write.File(
                new FileOp.Begin("/resume/f", Files.size(local), sha, null, "cy")))).value()).upload();
        byte[] all = Files.readAllBytes(local);
        for (int i = 0; i < 3; i++) {
            byte[] chunk = java.util.Arrays.copyOfRange(all, i * MIB, (i + 1) * MIB);
            ClusterClient.await(w.submit(new Write.File(new FileOp.Chunk(id, i, chunk))));
        }
        long[] first = {-1};
        FileResult.Committed c = new FileTransfer(client, "cy").upload(local, "/resume/f", null, (done, total) -> {
            if (first[0] < 0) {
                first[0] = done;
            }
        });
        assertThat(first[0]).as("resumed after the three stored chunks").isEqualTo(3L * MIB);
        assertThat(c.sha256()).isEqualTo(sha);

        Path back = tmp.resolve("resume-back");
        Path part = back.resolveSibling("resume-back." + sha.substring(0, 16) + ".concord-part");
        Files.write(part, java.util.Arrays.copyOfRange(all, 0, 2 * MIB + 100));
        FileDownload.Done d = new FileDownload(client).download("/resume/f", 0, back, false, (x, t) -> { });
        assertThat(d.resumedAt()).isEqualTo(2L * MIB);
        assertThat(Files.mismatch(local, back)).isEqualTo(-1);
        assertThat(part).doesNotExist();
    }

    /** Quotas refuse an upload at begin, before any chunk is replicated, per author and per cluster. */
    @Test
    @Order(5)
    void quotasRefuseUploadsBeforeAnyByteIsStored() {
        assertThat(rejection(new FileOp.Begin("/q/a", 201L * MIB, zeroSha(), null, "dan")))
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                .satisfies(r -> assertThat(r.message()).contains("file_quota_user_mib"));
        // dan's unfinished upload holds 190 MiB of the cluster's 400; eve asks for 190 more.
        long reserved = ((FileResult.UploadStarted) ok(new FileOp.Begin("/q/a", 190L * MIB, zeroSha(), null, "dan"))).upload();
        assertThat(usage("eve").clusterUsed()).isGreaterThan(210L * MIB);
        assertThat(rejection(new FileOp.Begin("/q/b", 190L * MIB, zeroSha(), null, "eve")))
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                .satisfies(r -> assertThat(r.message()).contains("file_quota_cluster_mib"));
        ok(new FileOp.Abort(reserved));
        assertThat(usage("dan").used()).isZero();
    }

    /** Versions are kept (2 here) and restorable; the trash keeps a deleted folder until it is restored or emptied. */
    @Test
    @Order(6)
    void versionsRestoreAndTrashThroughTheCluster() throws IOException {
        FileTransfer up = new FileTransfer(client, "fay");
        Path v1 = random("v1", 1000, 1);
        Path v2 = random("v2", 2000, 2);
        Path v3 = random("v3", 3000, 3);
        up.upload(v1, "/v/f", null, (d, t) -> { });
        up.upload(v2, "/v/f", 1L, (d, t) -> { });
        assertThatThrownBy(() -> up.upload(v3, "/v/f", 1L, (d, t) -> { }))
                .isInstanceOf(ConcordException.class).hasMessageContaining("--expect 2");
        up.upload(v3, "/v/f", 2L, (d, t) -> { });
        FileReply.Versions vs = (FileReply.Versions) query(new FileQuery.Versions("/v/f"));
        assertThat(vs.versions()).extracting(v -> v.version()).containsExactly(2L, 3L);
        FileResult.Committed r = (FileResult.Committed) ok(new FileOp.RestoreVersion("/v/f", 2, "fay"));
        assertThat(r.sha256()).isEqualTo(FileTransfer.sha256(v2));

        client.write(new Write.DocCreate("/v/notes"));
        FileResult.Trashed t = (FileResult.Trashed) ok(new FileOp.Delete("/v", "fay"));
        assertThat(t.entries()).isEqualTo(3);
        assertThatThrownBy(() -> query(new FileQuery.Stat("/v/f"))).hasMessageContaining("nothing at");
        ok(new FileOp.RestoreTrash(t.trash(), null));
        assertThat(stat("/v/f").entry().sha256()).isEqualTo(FileTransfer.sha256(v2));
        assertThat(((Response.DocText) client.read(new Query.DocOpen("/v/notes"))).text()).isEmpty();
    }

    /** The CLI's exact forms, with --json: bad names are refused with the rule, nothing is created. */
    @Test
    @Order(7)
    void theCommandLineSpeaksJsonAndRefusesBadNames() throws IOException {
        Path local = random("cli", 3 * MIB + 5, 9);
        String conf = cluster.config().source().toString();
        Map<?, ?> put = cli(0, "--conf", conf, "file", "put", local.toString(), "/cli/deep/x.bin", "--json");
        assertThat(put.get("version")).isEqualTo(1);
        Map<?, ?> ls = cli(0, "--conf", conf, "file", "ls", "/cli/deep", "--json");
        assertThat(ls.get("entries").toString()).contains("x.bin");
        Path back = tmp.resolve("cli-back");
        cli(0, "--conf", conf, "file", "get", "/cli/deep/x.bin", back.toString(), "--json");
        assertThat(Files.mismatch(local, back)).isEqualTo(-1);
        assertThat(cli(1, "--conf", conf, "file", "get", "/cli/deep/x.bin", back.toString(), "--json").get("message"))
                .asString().contains("--force");
        // The full name table is FileProtocolTest's; here: that the CLI reports the rule and creates nothing.
        for (String bad : List.of("/a/../b", "no-slash", "/" + "x".repeat(256))) {
            Map<?, ?> err = cli(1, "--conf", conf, "file", "mkdir", bad, "--json");
            assertThat(err.get("error")).as(bad).isIn("BAD_REQUEST", "TOO_LARGE");
        }
        assertThat(cli(0, "--conf", conf, "file", "ls", "/", "--json").get("entries").toString())
                .doesNotContain("path=/a,").doesNotContain("path=/b,").doesNotContain("no-slash");
        cli(0, "--conf", conf, "file", "mv", "/cli/deep", "/cli/moved", "--json");
        cli(0, "--conf", conf, "file", "versions", "/cli/moved/x.bin", "--json");
        cli(0, "--conf", conf, "file", "restore", "/cli/moved/x.bin", "1", "--json");
        cli(0, "--conf", conf, "file", "rm", "/cli", "--json");
        cli(0, "--conf", conf, "file", "mkdir", "/cli", "--json");
    }

    private static Map<?, ?> cli(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc = Main.run(args);
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(rc).as(String.join(" ", args) + " -> " + text).isEqualTo(expectedExit);
        assertThat(text.lines().count()).as("one JSON object: " + text).isEqualTo(1);
        return Codec.decode(text.getBytes(StandardCharsets.UTF_8), Map.class);
    }

    private static void snapshotTwice(int down) {
        CliService cli = RaftServiceFactory.createAndInitCliService(new CliOptions());
        try {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 20; i++) {
                    client.write(new Write.StreamAppend("filler", "r" + round + "-" + i));
                }
                for (int id : cluster.config().ids()) {
                    if (id != down) {
                        NodeAddress n = cluster.node(id);
                        assertThat(cli.snapshot(cluster.config().group(), new PeerId(n.host(), n.port())).isOk())
                                .as("snapshot on node %d", id).isTrue();
                    }
                }
            }
            client.write(new Write.StreamAppend("filler", "after"));
        } finally {
            cli.shutdown();
        }
    }

    private static FileReply.Stat stat(String path) {
        return (FileReply.Stat) query(new FileQuery.Stat(path));
    }

    private static FileReply.Usage usage(String account) {
        return (FileReply.Usage) query(new FileQuery.Usage(account));
    }

    private static FileReply query(FileQuery q) {
        return ((Response.File) client.read(new Query.File(q))).value();
    }

    private static FileResult ok(FileOp op) {
        Result r = client.write(new Write.File(op));
        assertThat(r).as(op.toString()).isInstanceOf(Result.File.class);
        return ((Result.File) r).value();
    }

    private static Result.Rejected rejection(FileOp op) {
        Result r = client.write(new Write.File(op));
        assertThat(r).as(op.toString()).isInstanceOf(Result.Rejected.class);
        return (Result.Rejected) r;
    }

    private static String zeroSha() {
        return "0".repeat(64);
    }
}
