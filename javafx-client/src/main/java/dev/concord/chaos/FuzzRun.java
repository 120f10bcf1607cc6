package dev.concord.chaos;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.InvokeCallback;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import dev.concord.chaos.fuzz.FuzzInput;
import dev.concord.chaos.fuzz.FuzzInputs;
import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code concord fuzz}: hostile requests at a live node's port. In windows of {@link #WINDOW}
 * inputs: a valid write (the node still serves), the node's digest, the inputs (a few in flight
 * at once), the digest again. A window in which the node refused every input must leave the digest
 * unchanged; the node must answer every input (or drop the connection) and stay up.
 */
public final class FuzzRun {
    static final int WINDOW = 25;
    private static final int IN_FLIGHT = 16;
    private static final long INPUT_TIMEOUT_MS = 15_000;

    /**
     * @param servers nodes of a running cluster to fuzz (the leader among them); null: start our own
     * @param nodes   size of our own cluster (1 or 3)
     */
    public record Options(int inputs, long seed, int nodes, List<NodeAddress> servers, String serverClasspath) {
    }

    private final Options options;
    private final PrintStream log;

    public FuzzRun(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public FuzzReport run() throws IOException, InterruptedException {
        if (options.servers() != null) {
            return fuzz(options.servers(), null);
        }
        try (ChaosCluster cluster = ChaosCluster.create(options.nodes(), false, options.serverClasspath())) {
            for (int id : cluster.config().ids()) {
                cluster.start(id);
            }
            if (!DigestCheck.settle(cluster, 60_000)) {
                throw new IOException("the fuzz cluster elected no leader within 60 s; node 1's log ends: "
                        + cluster.tail(1, 10));
            }
            return fuzz(cluster.nodes(), cluster);
        }
    }

    private FuzzReport fuzz(List<NodeAddress> nodes, ChaosCluster cluster) throws InterruptedException {
        long began = System.nanoTime();
        FuzzReport.Builder report = new FuzzReport.Builder(options.seed(), options.inputs());
        RpcClient raw = RpcFactoryHelper.rpcFactory().createRpcClient();
        if (!raw.init(new RpcOptions())) {
            throw new IllegalStateException("cannot start the RPC client");
        }
        try (ClusterClient client = ClusterClient.connect(nodes, ClientOptions.defaults())) {
            NodeAddress target = leader(client, nodes);
            log.println("fuzz: " + options.inputs() + " inputs at node " + target.id() + " (" + target.address()
                    + "), seed " + options.seed());
            Endpoint endpoint = new Endpoint(target.host(), target.port());
            FuzzInputs inputs = new FuzzInputs(options.seed());
            int sent = 0;
            for (int window = 0; sent < options.inputs(); window++) {
                if (!canary(client, window, report)) {
                    break;
                }
                Response.Digest before = digest(client, target);
                int n = Math.min(WINDOW, options.inputs() - sent);
                FuzzReport.Window w = report.window(window);
                List<FuzzInput> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(inputs.next());
                }
                send(raw, endpoint, batch, w);
                sent += n;
                Response.Digest after = digest(client, target);
                if (before == null || after == null) {
                    report.violation("window " + window + ": node " + target.id() + " gave no digest"
                            + (cluster != null ? " (process " + cluster.state(target.id()) + ")" : ""));
                    break;
                }
                if (w.accepted() == 0 && !before.equals(after)) {
                    report.violation("window " + window + " (inputs " + (sent - n) + ".." + (sent - 1) + "): every input"
                            + " was refused but the digest moved from " + before + " to " + after + "; inputs answered by an RPC error: "
                            + w.unusual() + "; " + pinpoint(raw, endpoint, client, target, batch));
                }
                report.compared(w.accepted() == 0);
            }
            canary(client, -1, report);
        } finally {
            raw.shutdown();
        }
        return report.build((System.nanoTime() - began) / 1e9);
    }

    /** Re-sends a window's inputs one at a time to name the first one after which the digest moved. */
    private static String pinpoint(RpcClient raw, Endpoint endpoint, ClusterClient client, NodeAddress target,
                                   List<FuzzInput> batch) {
        Response.Digest last = digest(client, target);
        for (FuzzInput input : batch) {
            String answer;
            try {
                Object reply = raw.invokeSync(endpoint, input.request(), INPUT_TIMEOUT_MS);
                answer = reply instanceof Frames.ReplyFrame f && f.body != null
                        ? new String(f.body, StandardCharsets.UTF_8) : String.valueOf(reply);
            } catch (Exception e) {
                answer = e.toString();
            }
            Response.Digest now = digest(client, target);
            if (now == null || !now.equals(last)) {
                return "replayed one by one, the digest moved after " + input.describe() + " answered "
                        + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer);
            }
        }
        return "replayed one by one, no input moved the digest";
    }

    private void send(RpcClient raw, Endpoint endpoint, List<FuzzInput> batch, FuzzReport.Window w)
            throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(batch.size());
        Executor direct = Runnable::run;
        for (FuzzInput input : batch) {
            slots.acquire();
            InvokeCallback callback = new InvokeCallback() {
                @Override
                public void complete(Object result, Throwable err) {
                    w.record(input, result, err);
                    slots.release();
                    done.countDown();
                }

                @Override
                public Executor executor() {
                    return direct;
                }
            };
            try {
                raw.invokeAsync(endpoint, input.request(), callback, INPUT_TIMEOUT_MS);
            } catch (Exception e) {
                callback.complete(null, e); // refused before sending (e.g. the connection was closed)
            }
        }
        if (!done.await(INPUT_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS)) {
            w.stuck(done.getCount());
        }
    }

    /** A valid append must still succeed; false (and a violation) when it does not. */
    private boolean canary(ClusterClient client, int window, FuzzReport.Builder report) {
        try {
            Result r = client.write(new Write.StreamAppend("fuzz-canary", "window " + window));
            if (r instanceof Result.Appended) {
                return true;
            }
            report.violation("a valid write " + (window < 0 ? "after the last window" : "before window " + window)
                    + " was refused: " + r);
        } catch (ConcordException e) {
            report.violation("a valid write " + (window < 0 ? "after the last window" : "before window " + window)
                    + " failed: " + e.getMessage());
        }
        return false;
    }

    private static Response.Digest digest(ClusterClient client, NodeAddress node) {
        try {
            return client.ask(node, new Query.Digest(), 5_000).get(6, TimeUnit.SECONDS) instanceof Response.Digest d ? d : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The leader among {@code nodes}, else the first: a follower would refuse writes before validating them. */
    private static NodeAddress leader(ClusterClient client, List<NodeAddress> nodes) {
        for (NodeAddress n : nodes) {
            try {
                if (client.ask(n, new Query.Status(), 1_000).get(2, TimeUnit.SECONDS) instanceof Response.Status s
                        && s.node().role().equals("LEADER")) {
                    return n;
                }
            } catch (Exception e) {
                // try the next
            }
        }
        return nodes.get(0);
    }
}
