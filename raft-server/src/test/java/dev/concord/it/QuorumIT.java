package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.ConnectionState;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Five nodes survive two crashes; losing a majority fails fast with NO_QUORUM and loses nothing. */
class QuorumIT {

    @Test
    void fiveNodesSurviveTwoKillsAndMajorityLossFailsFastWithoutLosingAcknowledgedWrites() throws Exception {
        try (TestCluster cluster = TestCluster.start(5)) {
            ClusterClient client = cluster.client();
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                append(client, "a" + i, acked);
            }
            int leader = cluster.awaitLeader();
            int other = leader == 1 ? 2 : 1;
            cluster.kill(leader);
            cluster.kill(other);
            for (int i = 0; i < 20; i++) {
                append(client, "b" + i, acked); // must succeed: 3 of 5 remain
            }

            // Take a third node: no majority. A request must fail within its deadline, not hang.
            int third = cluster.awaitLeader();
            cluster.kill(third);
            ClusterClient impatient = cluster.client(ClientOptions.defaults().withDeadlineMs(3_000));
            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.write(new Write.StreamAppend("s", "doomed")))
                    .isInstanceOf(ConcordException.class)
                    .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.NO_QUORUM))
                    .hasMessageContaining("majority");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).isLessThan(6_000);
            assertThat(impatient.connectionState().state()).isEqualTo(ConnectionState.NO_QUORUM);

            for (int id : List.of(leader, other, third)) {
                cluster.startNode(id);
            }
            cluster.awaitLeader(Duration.ofSeconds(90));
            append(client, "after", acked);
            cluster.awaitSameDigest(cluster.config().ids(), Duration.ofSeconds(30));
            for (int id : cluster.config().ids()) {
                List<String> texts = FailoverIT.readAll(cluster, id, "s").stream().map(r -> r.text()).toList();
                // "doomed" may or may not have committed (its outcome is unknown), but at most once.
                assertThat(texts.stream().filter(t -> !t.equals("doomed")).toList()).as("node %d", id).isEqualTo(acked);
                assertThat(texts.stream().filter(t -> t.equals("doomed")).count()).isLessThanOrEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    impatient.connectionState().state() != ConnectionState.CLOSED);
        }
    }

    private static void append(ClusterClient client, String text, List<String> acked) {
        Result r = client.write(new Write.StreamAppend("s", text));
        assertThat(r).isInstanceOf(Result.Appended.class);
        acked.add(text);
    }
}
