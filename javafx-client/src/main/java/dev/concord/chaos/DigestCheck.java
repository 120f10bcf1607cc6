package dev.concord.chaos;

import dev.concord.client.cli.LocalCluster;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Check 3: after the heal, every node reaches the same applied index with the same state digest.
 * Digests are only comparable at equal applied indexes, so this polls until the nodes agree or
 * the settle time runs out; then the evidence is each node's last answer.
 */
final class DigestCheck {
    private DigestCheck() {
    }

    /** Waits until a leader exists and every node has applied what it committed; false on timeout. */
    static boolean settle(ChaosCluster cluster, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0) {
            Map<Integer, NodeStatus> all = cluster.statuses(1_000);
            long committed = all.values().stream().mapToLong(NodeStatus::committedIndex).max().orElse(-1);
            boolean leader = all.values().stream().anyMatch(s -> s.role().equals("LEADER"));
            if (leader && all.size() == cluster.nodes().size()
                    && all.values().stream().allMatch(s -> s.appliedIndex() == committed)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    static CheckReport check(ChaosCluster cluster, long timeoutMs) throws InterruptedException {
        String name = "identical state digest on every node";
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<Integer, String> last = new TreeMap<>();
        while (true) {
            Map<Integer, Response.Digest> digests = new TreeMap<>();
            last.clear();
            for (NodeAddress n : cluster.nodes()) {
                try {
                    Response r = cluster.admin().ask(n, new Query.Digest(), 5_000).get(6, TimeUnit.SECONDS);
                    if (r instanceof Response.Digest d) {
                        digests.put(n.id(), d);
                        last.put(n.id(), "applied " + d.appliedIndex() + ", sha256 " + d.sha256());
                    } else {
                        last.put(n.id(), "answered " + r);
                    }
                } catch (Exception e) {
                    LocalCluster.ProcessState state = cluster.state(n.id());
                    last.put(n.id(), "no answer (process " + state.name().toLowerCase() + ")"
                            + (state == LocalCluster.ProcessState.STOPPED ? "; log ends: "
                            + cluster.tail(n.id(), 5).replace('\n', ' ') : ""));
                }
            }
            if (digests.size() == cluster.nodes().size() && digests.values().stream().distinct().count() == 1) {
                Response.Digest d = digests.values().iterator().next();
                return CheckReport.pass(name, digests.size() + " nodes at applied index " + d.appliedIndex()
                        + ", sha256 " + d.sha256().substring(0, 16) + "...");
            }
            if (System.nanoTime() - deadline >= 0) {
                List<String> evidence = new ArrayList<>();
                last.forEach((id, what) -> evidence.add("node " + id + ": " + what));
                return new CheckReport(name, CheckReport.Status.FAIL, "nodes did not converge within "
                        + timeoutMs / 1000 + " s after the heal", evidence);
            }
            Thread.sleep(500);
        }
    }
}
