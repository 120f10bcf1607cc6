package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.DocumentListener;
import dev.concord.client.session.DocumentSession;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocOp;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DocumentsIT {
    private static final String PATH = "/it/shared.txt";
    private static final int EDITORS = 5;

    /**
     * Five editors type into one document through a 3-node cluster while the leader is killed
     * (SIGKILL) twice. Their clients give up on a write after 1 s, shorter than a failover, so
     * sessions must resolve unknown outcomes by re-sending the same seq. At the end every editor,
     * and a reader on each node, sees the same text, and every acknowledged op is in the history
     * exactly once.
     */
    @Test
    void fiveEditorsConvergeThroughTwoLeaderCrashesAndEveryAcknowledgedOpIsInHistoryOnce() throws Exception {
        try (TestCluster cluster = TestCluster.start(3)) {
            ClusterClient admin = cluster.client();
            admin.write(new Write.DocCreate(PATH));
            ClientOptions impatient = ClientOptions.defaults().withDeadlineMs(1_000);
            List<ConcordException> failures = new CopyOnWriteArrayList<>();
            Map<String, Integer> troubles = new java.util.concurrent.ConcurrentSkipListMap<>();
            DocumentListener listener = new DocumentListener() {
                @Override
                public void textChanged(Change change) {
                }

                @Override
                public void trouble(ConcordException problem) {
                    troubles.merge(problem.code().name(), 1, Integer::sum);
                }

                @Override
                public void failed(ConcordException reason) {
                    failures.add(reason);
                }
            };
            List<DocumentSession> sessions = new ArrayList<>();
            for (int i = 0; i < EDITORS; i++) {
                sessions.add(DocumentSession.open(cluster.client(impatient), PATH, listener));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger edits = new AtomicInteger();
            long seed = new Random().nextLong();
            List<Thread> editors = new ArrayList<>();
            for (int i = 0; i < EDITORS; i++) {
                DocumentSession s = sessions.get(i);
                Random rnd = new Random(seed + i);
                Thread t = new Thread(() -> type(s, rnd, stop, edits), "editor-" + i);
                t.start();
                editors.add(t);
            }

            for (int crash = 0; crash < 2; crash++) {
                Thread.sleep(2_500);
                int leader = cluster.awaitLeader();
                cluster.kill(leader);
                Thread.sleep(3_000);
                cluster.startNode(leader);
            }
            Thread.sleep(1_500);
            stop.set(true);
            for (Thread t : editors) {
                t.join();
            }

            assertThat(failures).as("seed %d", seed).isEmpty();
            for (DocumentSession s : sessions) {
                assertThat(s.awaitSynchronized(Duration.ofSeconds(60))).as("session %s settles", s.clientId()).isTrue();
            }
            int head = ((Response.DocOps) admin.read(new Query.DocOps(sessions.get(0).id(), 0, 1))).head();
            await().atMost(Duration.ofSeconds(15)).until(() -> sessions.stream().allMatch(s -> s.revision() == head));
            String text = sessions.get(0).text();
            for (DocumentSession s : sessions) {
                assertThat(s.text()).as("editor %s, seed %d", s.clientId(), seed).isEqualTo(text);
            }
            for (NodeAddress node : cluster.config().nodes()) {
                ClusterClient only = cluster.client(List.of(node), ClientOptions.defaults().withDeadlineMs(20_000));
                Response.DocText t = (Response.DocText) only.read(new Query.DocOpen(PATH));
                assertThat(t.revision()).as("node %d", node.id()).isEqualTo(head);
                assertThat(t.text()).as("node %d", node.id()).isEqualTo(text);
            }

            List<DocOp> history = allOps(admin, sessions.get(0).id());
            assertThat(history).hasSize(head);
            String replayed = "";
            Map<String, Integer> applied = new HashMap<>();
            for (DocOp op : history) {
                replayed = op.op().apply(replayed);
                applied.merge(op.clientId() + "#" + op.seq(), 1, Integer::sum);
            }
            assertThat(replayed).isEqualTo(text);
            assertThat(applied).as("no write applied twice").allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            int acknowledged = 0;
            for (DocumentSession s : sessions) {
                for (long seq : s.acknowledged()) {
                    assertThat(applied).as("acknowledged %s#%d", s.clientId(), seq).containsKey(s.clientId() + "#" + seq);
                    acknowledged++;
                }
            }
            assertThat(acknowledged).isEqualTo(head);
            cluster.awaitSameDigest(cluster.config().ids(), Duration.ofSeconds(20));
            System.out.printf("DocumentsIT: %d local edits became %d revisions (%d chars); transient troubles %s;"
                    + " %d unknown outcomes re-sent under their seq; seed %d%n", edits.get(), head, text.length(), troubles,
                    sessions.stream().mapToLong(DocumentSession::resent).sum(), seed);
            sessions.forEach(DocumentSession::close);
        }
    }

    /** Random typing: mostly inserts, some deletes, the odd undo; an edit racing a remote one is retried. */
    private static void type(DocumentSession s, Random rnd, AtomicBoolean stop, AtomicInteger edits) {
        String[] pieces = {"a", "b", "cd", " ", "\n", "\uD83D\uDE00", "xyz"};
        while (!stop.get()) {
            try {
                String text = s.text();
                int pos = rnd.nextInt(text.length() + 1);
                int kind = rnd.nextInt(10);
                if (kind < 6 || text.isEmpty()) {
                    s.insert(pos, pieces[rnd.nextInt(pieces.length)]);
                } else if (kind < 9) {
                    s.delete(Math.min(pos, text.length() - 1), Math.min(1 + rnd.nextInt(3), text.length() - Math.min(pos, text.length() - 1)));
                } else {
                    s.undo();
                }
                edits.incrementAndGet();
                Thread.sleep(5 + rnd.nextInt(30));
            } catch (IllegalArgumentException e) {
                // the text changed under us (or the position cut an emoji): pick again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static List<DocOp> allOps(ClusterClient client, long id) {
        List<DocOp> all = new ArrayList<>();
        while (true) {
            Response.DocOps page = (Response.DocOps) client.read(new Query.DocOps(id, all.size(), 10_000));
            all.addAll(page.ops());
            if (page.ops().isEmpty() || all.size() >= page.head()) {
                return all;
            }
        }
    }

}
