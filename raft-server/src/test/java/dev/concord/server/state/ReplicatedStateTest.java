package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicatedStateTest {
    private static final long TTL = 60_000;

    @TempDir
    Path tmp;
    private final List<RocksStore> open = new ArrayList<>();

    private RocksStore store(String name) {
        RocksStore s = RocksStore.openEmpty(tmp.resolve(name));
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(RocksStore::close);
    }

    /** A random log: retries of earlier seqs, CAS races, invalid writes, clock jumps past the client TTL. */
    static List<Command.Entry> randomLog(long seed, int entries) {
        Random rnd = new Random(seed);
        List<Command.Entry> log = new ArrayList<>();
        long[] nextSeq = new long[6];
        java.util.Arrays.fill(nextSeq, 1);
        long time = 1_700_000_000_000L;
        for (int i = 0; i < entries; i++) {
            List<Command> cmds = new ArrayList<>();
            time += rnd.nextInt(20) == 0 ? TTL * 2 : rnd.nextInt(1000);
            for (int j = 0; j <= rnd.nextInt(4); j++) {
                int c = rnd.nextInt(nextSeq.length);
                long seq = rnd.nextInt(8) == 0 && nextSeq[c] > 1 ? 1 + rnd.nextInt((int) nextSeq[c] - 1) : nextSeq[c]++;
                Write op = switch (rnd.nextInt(4)) {
                    case 0 -> new Write.StreamAppend("s" + rnd.nextInt(3), "t" + rnd.nextInt(100));
                    case 1 -> new Write.Cas("k" + rnd.nextInt(3), rnd.nextBoolean() ? null : "v" + rnd.nextInt(3),
                            "v" + rnd.nextInt(3));
                    case 2 -> new Write.Cas("k" + rnd.nextInt(3), "v" + rnd.nextInt(3), null);
                    default -> new Write.StreamAppend("", "invalid: empty stream name");
                };
                cmds.add(new Command(Command.VERSION, "client-" + c, seq, time - rnd.nextInt(50), op));
            }
            log.add(new Command.Entry(Command.VERSION, cmds));
        }
        return log;
    }

    private static List<List<Result>> applyAll(ReplicatedState state, List<Command.Entry> log, long firstIndex) {
        List<List<Result>> results = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            results.add(state.apply(log.get(i), firstIndex + i));
            if (i % 7 == 0) {
                state.commit(); // batches of varying size, as onApply delivers them
            }
        }
        state.commit();
        return results;
    }

    @Test
    void sameLogGivesSameStateDigestAndSnapshotContents() throws Exception {
        for (int round = 0; round < 5; round++) {
            long seed = new Random().nextLong();
            List<Command.Entry> log = randomLog(seed, 600);
            RocksStore a = store("a" + round);
            RocksStore b = store("b" + round);
            List<List<Result>> ra = applyAll(new ReplicatedState(a, TTL, 500), log, 1);
            List<List<Result>> rb = applyAll(new ReplicatedState(b, TTL, 500), log, 1);
            assertThat(rb).as("results, seed %d", seed).isEqualTo(ra);
            String digest = new StateReader(a).digest().sha256();
            assertThat(new StateReader(b).digest().sha256()).as("digest, seed %d", seed).isEqualTo(digest);

            Path ca = tmp.resolve("cp-a" + round);
            Path cb = tmp.resolve("cp-b" + round);
            a.checkpoint(ca);
            b.checkpoint(cb);
            RocksStore fromA = RocksStore.open(ca);
            RocksStore fromB = RocksStore.open(cb);
            open.add(fromA);
            open.add(fromB);
            assertThat(new StateReader(fromA).digest().sha256()).as("snapshot a, seed %d", seed).isEqualTo(digest);
            assertThat(new StateReader(fromB).digest().sha256()).as("snapshot b, seed %d", seed).isEqualTo(digest);
        }
    }

    @Test
    void restoringASnapshotAndReplayingTheRestMatchesApplyingEverything() {
        long seed = new Random().nextLong();
        List<Command.Entry> log = randomLog(seed, 400);
        RocksStore full = store("full");
        applyAll(new ReplicatedState(full, TTL), log, 1);

        RocksStore half = store("half");
        applyAll(new ReplicatedState(half, TTL), log.subList(0, 150), 1);
        Path cp = tmp.resolve("cp");
        half.checkpoint(cp);
        RocksStore restored = store("restored");
        restored.put(Keys.bytes("junk"), Keys.bytes("to be replaced"));
        restored.commit();
        restored.restore(cp);
        applyAll(new ReplicatedState(restored, TTL), log.subList(150, log.size()), 151);
        assertThat(new StateReader(restored).digest()).as("seed %d", seed).isEqualTo(new StateReader(full).digest());
    }

    private static Command cmd(String client, long seq, long time, Write op) {
        return new Command(Command.VERSION, client, seq, time, op);
    }

    private static Result applyOne(ReplicatedState s, long index, Command c) {
        Result r = s.apply(new Command.Entry(Command.VERSION, List.of(c)), index).get(0);
        s.commit();
        return r;
    }

    @Test
    void aRetriedWriteReturnsTheOriginalResultAndAppliesOnce() {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL);
        Result first = applyOne(s, 1, cmd("c1", 1, 10, new Write.StreamAppend("s", "once")));
        Result again = applyOne(s, 2, cmd("c1", 1, 20, new Write.StreamAppend("s", "once")));
        assertThat(again).isEqualTo(first);
        assertThat(new StateReader(st).readStream("s", 0, 10).size()).isEqualTo(1);
        // A different client with the same seq is a different write.
        applyOne(s, 3, cmd("c2", 1, 30, new Write.StreamAppend("s", "other")));
        assertThat(new StateReader(st).readStream("s", 0, 10).size()).isEqualTo(2);
    }

    @Test
    void pipelinedSeqsMayApplyOutOfOrderInsideTheWindowButNotBelowIt() {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL);
        applyOne(s, 1, cmd("c", 5, 1, new Write.StreamAppend("s", "5")));
        Result four = applyOne(s, 2, cmd("c", 4, 1, new Write.StreamAppend("s", "4")));
        assertThat(four).isInstanceOf(Result.Appended.class);
        long far = 5 + Limits.DEDUP_WINDOW + 10;
        applyOne(s, 3, cmd("c", far, 1, new Write.StreamAppend("s", "far")));
        Result stale = applyOne(s, 4, cmd("c", 6, 1, new Write.StreamAppend("s", "6")));
        assertThat(stale).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) stale).code()).isEqualTo(ErrorCode.STALE_SEQ);
        assertThat(new StateReader(st).readStream("s", 0, 10).records()).extracting(r -> r.text())
                .containsExactly("5", "4", "far");
        // The window still answers retries of recent seqs.
        assertThat(applyOne(s, 5, cmd("c", far, 1, new Write.StreamAppend("s", "far"))))
                .isInstanceOf(Result.Appended.class);
        assertThat(new StateReader(st).readStream("s", 0, 10).size()).isEqualTo(3);
    }

    @Test
    void idleClientsExpireAtTheSweepByLeaderTimeOnly() {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL);
        applyOne(s, 1, cmd("old", 1, 1_000, new Write.StreamAppend("s", "a")));
        applyOne(s, 2, cmd("fresh", 1, 1_000 + TTL, new Write.StreamAppend("s", "b")));
        ClientTable table = new ClientTable(st, TTL);
        // Before the sweep index the idle client is still remembered.
        applyOne(s, ClientTable.SWEEP_EVERY - 1, cmd("fresh", 2, 2_000 + TTL, new Write.StreamAppend("s", "c")));
        assertThat(table.entry("old")).isNotNull();
        applyOne(s, ClientTable.SWEEP_EVERY, cmd("fresh", 3, 2_000 + TTL, new Write.StreamAppend("s", "d")));
        assertThat(table.entry("old")).isNull();
        assertThat(table.entry("fresh")).isNotNull();
        assertThat(table.lookup("old", 1)).isNull();
    }

    @Test
    void aRejectedWriteChangesNothingButIsRemembered() {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL);
        applyOne(s, 1, cmd("c", 1, 1, new Write.Cas("k", null, "v")));
        String before = new StateReader(st).get("k").value();
        Result r = applyOne(s, 2, cmd("c", 2, 2, new Write.StreamAppend("bad\u0000name", "x")));
        assertThat(r).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) r).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(new StateReader(st).get("k").value()).isEqualTo(before);
        assertThat(applyOne(s, 3, cmd("c", 2, 3, new Write.StreamAppend("bad\u0000name", "x")))).isEqualTo(r);
    }

    @Test
    void casSwapsOnlyFromTheExpectedValue() {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL);
        assertThat(applyOne(s, 1, cmd("c", 1, 1, new Write.Cas("k", null, "a")))).isEqualTo(new Result.CasResult(true, null, 1));
        assertThat(applyOne(s, 2, cmd("c", 2, 1, new Write.Cas("k", null, "b")))).isEqualTo(new Result.CasResult(false, "a", 2));
        assertThat(applyOne(s, 3, cmd("c", 3, 1, new Write.Cas("k", "a", "b")))).isEqualTo(new Result.CasResult(true, "a", 3));
        assertThat(applyOne(s, 4, cmd("c", 4, 1, new Write.Cas("k", "b", null)))).isEqualTo(new Result.CasResult(true, "b", 4));
        assertThat(new StateReader(st).get("k").value()).isNull();
    }

    @Test
    void eventPagesHoldWholeEntriesAndPrunedHistoryIsReportedAsTruncated() {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL, 10);
        for (long i = 1; i <= 30; i++) {
            List<Command> two = List.of(cmd("c", 2 * i - 1, i, new Write.StreamAppend("s", "a" + i)),
                    cmd("c", 2 * i, i, new Write.StreamAppend("s", "b" + i)));
            s.apply(new Command.Entry(Command.VERSION, two), i);
            s.commit();
        }
        StateReader reader = new StateReader(st);
        Response.EventPage page = reader.events(25, 3);
        assertThat(page.events()).extracting(Event::index).containsExactly(26L, 26L, 27L, 27L);
        assertThat(page.last()).isEqualTo(27);
        Response.EventPage rest = reader.events(page.last(), 100);
        assertThat(rest.events()).extracting(Event::index).containsExactly(28L, 28L, 29L, 29L, 30L, 30L);
        assertThat(rest.last()).isEqualTo(30);
        assertThat(reader.events(30, 100).events()).isEmpty();
        assertThatThrownBy(() -> reader.events(3, 10)).isInstanceOf(ConcordException.class)
                .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.FEED_TRUNCATED));
    }

    @Test
    void applyNeverReadsTheClockOnlyLeaderStampedTime() throws Exception {
        RocksStore st = store("x");
        ReplicatedState s = new ReplicatedState(st, TTL);
        applyOne(s, 1, cmd("c", 1, 42, new Write.StreamAppend("s", "t")));
        applyOne(s, 2, cmd("c", 2, 7, new Write.StreamAppend("s", "u")));
        // Time never goes backwards: the second record is stamped with the maximum seen so far.
        assertThat(new StateReader(st).readStream("s", 0, 10).records()).extracting(r -> r.time()).containsExactly(42L, 42L);
        assertThat(Files.exists(tmp.resolve("x"))).isTrue();
    }
}
