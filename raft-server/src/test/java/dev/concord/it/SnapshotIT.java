package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.NodeStatus;
import dev.concord.protocol.Write;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node that misses more than the retained log comes back by installing the leader's snapshot. */
class SnapshotIT {

    @Test
    void aNodeBehindTruncatedLogCatchesUpBySnapshotInstall() throws Exception {
        try (TestCluster cluster = TestCluster.start(3)) {
            ClusterClient client = cluster.client();
            int leader = cluster.awaitLeader();
            int down = leader == 3 ? 2 : 3;
            write(client, 0, 50);
            cluster.awaitSameDigest(List.of(1, 2, 3), Duration.ofSeconds(20));
            cluster.kill(down);

            // jraft truncates the log only up to the previous snapshot: two rounds of writes and
            // snapshots leave the down node's next entry outside every live node's log.
            CliService cli = RaftServiceFactory.createAndInitCliService(new CliOptions());
            try {
                for (int round = 1; round <= 2; round++) {
                    write(client, round * 1000, 200);
                    for (int id : cluster.config().ids()) {
                        if (id != down) {
                            var n = cluster.node(id);
                            assertThat(cli.snapshot(cluster.config().group(), new PeerId(n.host(), n.port())).isOk())
                                    .as("snapshot on node %d", id).isTrue();
                        }
                    }
                }
            } finally {
                cli.shutdown();
            }
            write(client, 9000, 20);
            cluster.startNode(down);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.status(down).map(NodeStatus::installedSnapshotIndex).orElse(0L) > 0);
            cluster.awaitSameDigest(List.of(1, 2, 3), Duration.ofSeconds(30));
            assertThat(FailoverIT.readAll(cluster, down, "s")).hasSize(50 + 400 + 20);

            // And it restarts from its own snapshot + log after a crash.
            cluster.kill(down);
            write(client, 10_000, 10);
            cluster.startNode(down);
            cluster.awaitSameDigest(List.of(1, 2, 3), Duration.ofSeconds(30));
        }
    }

    private static void write(ClusterClient client, int base, int n) {
        for (int i = 0; i < n; i++) {
            client.write(new Write.StreamAppend("s", "r" + (base + i)));
        }
    }
}
