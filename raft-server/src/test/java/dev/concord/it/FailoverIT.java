package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.ConnectionState;
import dev.concord.client.net.Subscription;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.StreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A 3-node cluster keeps every acknowledged write, once and in one order, through a leader crash. */
class FailoverIT {

    @Test
    void killingTheLeaderMidStreamLosesAndDoublesNothing() throws Exception {
        try (TestCluster cluster = TestCluster.start(3)) {
            ClusterClient client = cluster.client();
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            client.addConnectionListener(c -> states.add(c.state()));

            // A subscriber follows the feed through the failover: it must see each event once, in order.
            List<Event> seen = new CopyOnWriteArrayList<>();
            List<Throwable> feedErrors = new CopyOnWriteArrayList<>();
            ClusterClient feedClient = cluster.client();
            Subscription sub = feedClient.subscribe(0, seen::add, feedErrors::add);

            AppendWorkload load = new AppendWorkload(client, "s", 8);
            await().atMost(Duration.ofSeconds(20)).until(() -> load.count.get() >= 300);
            int leader = cluster.awaitLeader();
            cluster.kill(leader);
            int before = load.count.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.count.get() >= before + 300);
            int newLeader = cluster.awaitLeader();
            assertThat(newLeader).isNotEqualTo(leader);
            cluster.startNode(leader);
            int afterRestart = load.count.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.count.get() >= afterRestart + 200);
            load.close();

            assertThat(load.errors).as("errors surfaced to callers").isEmpty();
            assertThat(states).contains(ConnectionState.RECONNECTING).endsWith(ConnectionState.CONNECTED);

            String digest = cluster.awaitSameDigest(List.of(1, 2, 3), Duration.ofSeconds(30));
            assertThat(digest).isNotBlank();
            List<String> order = null;
            for (int id = 1; id <= 3; id++) {
                List<StreamRecord> records = readAll(cluster, id, "s");
                List<String> texts = records.stream().map(StreamRecord::text).toList();
                assertThat(new HashSet<>(texts)).as("node %d has no duplicates", id).hasSize(texts.size());
                for (Map.Entry<String, Long> e : load.acked.entrySet()) {
                    assertThat(records.get(e.getValue().intValue()).text()).as("acked %s at its offset on node %d",
                            e.getKey(), id).isEqualTo(e.getKey());
                }
                if (order == null) {
                    order = texts;
                } else {
                    assertThat(texts).as("node %d order", id).isEqualTo(order);
                }
            }
            assertThat(order).hasSize(load.acked.size());

            // The feed delivered exactly the stream, in order, across the failover.
            List<String> finalOrder = order;
            await().atMost(Duration.ofSeconds(15)).until(() -> seen.size() >= finalOrder.size());
            sub.close();
            List<String> fed = seen.stream().map(e -> ((Event.StreamAppended) e.change()).text()).toList();
            assertThat(fed).isEqualTo(order);
            List<Long> indexes = seen.stream().map(Event::index).toList();
            assertThat(indexes).isSorted();
        }
    }

    static List<StreamRecord> readAll(TestCluster cluster, int nodeId, String stream) {
        ClusterClient only = cluster.client(List.of(cluster.node(nodeId)), ClientOptions.defaults());
        List<StreamRecord> out = new ArrayList<>();
        long from = 0;
        while (true) {
            Response.Records page = (Response.Records) only.read(new Query.StreamRead(stream, from, 5000));
            out.addAll(page.records());
            if (page.next() >= page.size()) {
                return out;
            }
            from = page.next();
        }
    }

    @Test
    void aFollowerServesLinearizableReadsOfItsOwnReplica() throws Exception {
        try (TestCluster cluster = TestCluster.start(3)) {
            int leader = cluster.awaitLeader();
            int follower = leader == 1 ? 2 : 1;
            ClusterClient writer = cluster.client();
            writer.write(new dev.concord.protocol.Write.Cas("k", null, "v1"));
            ClusterClient reader = cluster.client(List.of(cluster.node(follower)), ClientOptions.defaults());
            // Read-your-write through the follower: readIndex makes it wait for the commit.
            Response.Value v = (Response.Value) reader.read(new Query.Get("k"));
            assertThat(v.value()).isEqualTo("v1");
            Set<String> roles = cluster.status(follower).stream().map(s -> s.role()).collect(Collectors.toSet());
            assertThat(roles).containsExactly("FOLLOWER");
        }
    }
}
