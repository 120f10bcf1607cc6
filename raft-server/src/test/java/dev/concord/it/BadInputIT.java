package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Garbage on the node's port gets an error and changes nothing; a second node on the same port or data dir refuses to start. */
class BadInputIT {

    @Test
    void malformedAndOversizeRequestsAreRefusedAndTheNodeStaysUp() throws Exception {
        try (TestCluster cluster = TestCluster.start(1)) {
            ClusterClient client = cluster.client();
            client.write(new Write.StreamAppend("s", "before"));
            String digest = cluster.digest(1).sha256();
            NodeAddress n = cluster.node(1);
            RpcClient raw = RpcFactoryHelper.rpcFactory().createRpcClient();
            raw.init(new RpcOptions());
            try {
                Endpoint ep = new Endpoint(n.host(), n.port());
                List<byte[]> bodies = new ArrayList<>(List.of(
                        new byte[0], "{".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
                        "{\"protocol\":1,\"writes\":[]}".getBytes(StandardCharsets.UTF_8),
                        "{\"protocol\":99,\"writes\":[]}".getBytes(StandardCharsets.UTF_8),
                        "{\"protocol\":1,\"writes\":[{\"clientId\":\"c\",\"seq\":1,\"op\":{\"type\":\"launch\"}}]}".getBytes(StandardCharsets.UTF_8),
                        new byte[Limits.MAX_FRAME_BYTES + 1]));
                for (byte[] body : bodies) {
                    Object reply = raw.invokeSync(ep, new Frames.WriteFrame(body), 5_000);
                    Response r = Codec.decode(((Frames.ReplyFrame) reply).body, Response.class);
                    assertThat(r).isInstanceOf(Response.Failure.class);
                    Response.Failure f = (Response.Failure) r;
                    assertThat(f.code()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.TOO_LARGE);
                    assertThat(f.message()).isNotBlank();
                }
                Object reply = raw.invokeSync(ep, new Frames.ReadFrame("[1,2".getBytes(StandardCharsets.UTF_8)), 5_000);
                assertThat(Codec.decode(((Frames.ReplyFrame) reply).body, Response.class)).isInstanceOf(Response.Failure.class);

                // A well-formed request whose write is invalid: answered per write, never logged.
                byte[] invalid = Codec.encode(new dev.concord.protocol.WriteBatch(Limits.PROTOCOL, List.of(
                        new dev.concord.protocol.ClientWrite("c", 1, new Write.StreamAppend("s\u0007", "x")))));
                Response r = Codec.decode(((Frames.ReplyFrame) raw.invokeSync(ep, new Frames.WriteFrame(invalid), 5_000)).body,
                        Response.class);
                assertThat(r).isInstanceOf(Response.Results.class);
                Result only = ((Response.Results) r).results().get(0);
                assertThat(only).isInstanceOf(Result.Rejected.class);
                assertThat(((Result.Rejected) only).message()).contains("control character");
            } finally {
                raw.shutdown();
            }
            assertThat(cluster.digest(1).sha256()).isEqualTo(digest);
            client.write(new Write.StreamAppend("s", "after"));
            assertThat(FailoverIT.readAll(cluster, 1, "s")).extracting(r -> r.text()).containsExactly("before", "after");
        }
    }

    @Test
    void aSecondNodeOnATakenPortOrDataDirFailsAtOnceWithAClearMessage() throws Exception {
        try (TestCluster cluster = TestCluster.start(1)) {
            Path conf = cluster.config().source();
            // Same config, same node: data dir locked.
            Process p = launch(conf, 1);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(out).contains("is in use by a running node").contains("bin/concord cluster stop");

            // Another data dir, same port.
            Path other = Files.createTempDirectory("concord-it-other-");
            try {
                Path conf2 = other.resolve("cluster.conf");
                Files.writeString(conf2, "data_dir = d\nnode.1 = " + cluster.node(1).address() + "\n");
                Process q = launch(conf2, 1);
                assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String out2 = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(q.exitValue()).isEqualTo(1);
                assertThat(out2).contains("already in use").contains("cluster status");

                Process r = launch(conf2, 7);
                assertThat(r.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(r.exitValue()).isEqualTo(1);
                assertThat(new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("unknown node id 7");
            } finally {
                try (var walk = Files.walk(other)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            assertThat(cluster.status(1)).isPresent();
        }
    }

    private static Process launch(Path conf, int id) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(dev.concord.client.cli.LocalCluster.defaultJvmFlags());
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.concord.server.ServerMain", "--node", Integer.toString(id), "--conf", conf.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
