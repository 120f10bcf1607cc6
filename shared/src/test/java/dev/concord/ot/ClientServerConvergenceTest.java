package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Several {@link OtClient}s and a server (a log plus {@link Rebase}) over a simulated network
 * that delays and interleaves deliveries across clients, keeps each connection FIFO in each
 * direction like TCP, and drops connections with messages in flight. Clients keep editing (and
 * undoing) while disconnected, reconnect, and resend; the server drops a resend it has already
 * committed by its (clientId, seq), as ShareDB does.
 *
 * <p>Proves: after the network drains, every client's document equals the server's, every
 * client is synchronized at the head revision, and every operation sent was committed exactly
 * once. Operations travel as JSON, so the codec is exercised on every message.
 */
class ClientServerConvergenceTest {

    private static final int SEEDS = 300;
    private static final int CLIENTS = 4;
    private static final int STEPS = 250;

    @Test
    void allReplicasConvergeDespiteReorderingDropsAndResends() {
        Stats total = new Stats();
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                new Simulation(new Random(seed), total).run();
            } catch (AssertionError | RuntimeException e) {
                fail("simulation with seed " + seed + " failed: " + e.getMessage(), e);
            }
        }
        // Guard against a simulation that silently stopped exercising the hard paths.
        assertThat(total.duplicatesDropped).as("resends dropped as duplicates").isPositive();
        assertThat(total.resends - total.duplicatesDropped).as("resends of lost ops committed").isPositive();
        assertThat(total.transformedWithBuffer).as("server ops met a buffer").isPositive();
        assertThat(total.undos).as("undos").isPositive();
    }

    /** What the runs exercised, summed over seeds. */
    static final class Stats {
        long duplicatesDropped;
        long resends;
        long transformedWithBuffer;
        long undos;
    }

    /** Client to server. A {@code hello} (op == null) opens a connection at a revision. */
    record Up(int revision, long seq, String opJson) {
    }

    /** Server to client: the operation committed at {@code revision}, with its origin. */
    record Down(int revision, String clientId, long seq, String opJson) {
    }

    /** The authoritative log: what the replicated state machine will do in Concord. */
    static final class Server {
        String doc = "";
        final List<TextOperation> log = new ArrayList<>();
        final List<Down> events = new ArrayList<>();
        final Map<String, Long> lastSeq = new TreeMap<>();
        long duplicates;

        /** Commits the op unless it is a duplicate; returns the event to broadcast, or null. */
        Down receive(String clientId, Up up) {
            if (up.seq() <= lastSeq.getOrDefault(clientId, 0L)) {
                duplicates++;
                return null;
            }
            assertThat(up.seq()).as("seq from %s", clientId).isEqualTo(lastSeq.getOrDefault(clientId, 0L) + 1);
            TextOperation incoming = TextOperation.fromJson(up.opJson());
            TextOperation op = Rebase.onto(incoming, log.subList(up.revision(), log.size()));
            doc = op.requireBaseLength(doc.length()).apply(doc);
            Down event = new Down(log.size(), clientId, up.seq(), op.toJson());
            log.add(op);
            events.add(event);
            lastSeq.put(clientId, up.seq());
            return event;
        }
    }

    /** One editor: document, OtClient, undo history, caret, and its connection's two queues. */
    static final class Peer {
        final String id;
        final OtClient client;
        final UndoManager undo = new UndoManager(50);
        final Deque<Up> up = new ArrayDeque<>();
        final Deque<Down> down = new ArrayDeque<>();
        String doc = "";
        Selection caret = Selection.caret(0);
        boolean connected = true;
        boolean subscribed = true; // server side of the connection
        long resends;
        long transformedWithBuffer;

        Peer(String id) {
            this.id = id;
            this.client = new OtClient(0, (rev, seq, op) -> {
                if (connected) {
                    up.add(new Up(rev, seq, op.toJson()));
                }
            });
        }

        void edit(TextOperation op, boolean recordUndo) {
            if (recordUndo) {
                undo.recordLocal(op, doc);
            }
            doc = op.apply(doc);
            caret = caret.transform(op, true);
            client.applyClient(op);
        }

        void receive(Down event) {
            TextOperation op = TextOperation.fromJson(event.opJson());
            if (event.clientId().equals(id)) {
                assertThat(event.seq()).as("own op echoed").isEqualTo(client.lastSentSeq());
                assertThat(client.revision()).isEqualTo(event.revision());
                client.serverAck();
                return;
            }
            if (client.state() instanceof OtClient.AwaitingWithBuffer) {
                transformedWithBuffer++;
            }
            TextOperation toApply = client.applyServer(event.revision(), op);
            undo.transformAgainstRemote(toApply);
            doc = toApply.apply(doc);
            caret = caret.transform(toApply, false);
            assertThat(Utf16.splitsPair(doc, caret.head())).as("caret splits a pair").isFalse();
        }
    }

    static final class Simulation {
        final Random r;
        final Server server = new Server();
        final List<Peer> peers = new ArrayList<>();
        final Stats stats;

        Simulation(Random r, Stats stats) {
            this.r = r;
            this.stats = stats;
            for (int i = 0; i < CLIENTS; i++) {
                peers.add(new Peer("client-" + i));
            }
        }

        void run() {
            for (int step = 0; step < STEPS; step++) {
                Peer p = peers.get(r.nextInt(peers.size()));
                int dice = r.nextInt(100);
                if (dice < 30) {
                    // Mostly keystrokes; now and then a scattered multi-part edit on a short text.
                    boolean scattered = dice < 5 && p.doc.length() < 40;
                    p.edit(scattered ? Gen.op(r, p.doc) : Gen.localEdit(r, p.doc), true);
                } else if (dice < 33) {
                    p.undo.undo(p.doc).ifPresent(op -> {
                        stats.undos++;
                        p.edit(op, false);
                    });
                } else if (dice < 35) {
                    p.undo.redo(p.doc).ifPresent(op -> p.edit(op, false));
                } else if (dice < 38) {
                    disconnect(p);
                } else if (dice < 45 || !p.connected) {
                    reconnect(p);
                } else {
                    deliverOne();
                }
            }
            peers.forEach(this::reconnect);
            while (deliverOne()) {
                // drain: no more edits or drops
            }
            for (Peer p : peers) {
                assertThat(p.doc).as("%s document", p.id).isEqualTo(server.doc);
                assertThat(p.client.state()).as("%s state", p.id).isEqualTo(new OtClient.Synchronized());
                assertThat(p.client.revision()).isEqualTo(server.log.size());
                long committed = server.events.stream().filter(e -> e.clientId().equals(p.id)).count();
                assertThat(committed).as("%s ops committed once each", p.id).isEqualTo(p.client.lastSentSeq());
                stats.resends += p.resends;
                stats.transformedWithBuffer += p.transformedWithBuffer;
            }
            stats.duplicatesDropped += server.duplicates;
        }

        void disconnect(Peer p) {
            p.connected = false;
            p.subscribed = false;
            p.up.clear();
            p.down.clear();
        }

        void reconnect(Peer p) {
            if (p.connected) {
                return;
            }
            p.connected = true;
            p.up.add(new Up(p.client.revision(), 0, null));
            if (!(p.client.state() instanceof OtClient.Synchronized)) {
                p.resends++;
            }
            p.client.serverReconnect();
        }

        /** Delivers the head of one random non-empty queue; false if all are empty. */
        boolean deliverOne() {
            List<Deque<?>> ready = new ArrayList<>();
            for (Peer p : peers) {
                if (!p.up.isEmpty()) {
                    ready.add(p.up);
                }
                if (!p.down.isEmpty()) {
                    ready.add(p.down);
                }
            }
            if (ready.isEmpty()) {
                return false;
            }
            Deque<?> queue = ready.get(r.nextInt(ready.size()));
            for (Peer p : peers) {
                if (queue == p.up) {
                    serverReceive(p, p.up.removeFirst());
                } else if (queue == p.down) {
                    p.receive(p.down.removeFirst());
                }
            }
            return true;
        }

        void serverReceive(Peer from, Up message) {
            if (message.opJson() == null) {
                from.subscribed = true;
                from.down.addAll(server.events.subList(message.revision(), server.events.size()));
                return;
            }
            Down event = server.receive(from.id, message);
            if (event != null) {
                for (Peer p : peers) {
                    if (p.subscribed) {
                        p.down.add(event);
                    }
                }
            }
        }
    }
}
