package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Event;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random command sequences; every assertion names its seed. */
class DocumentsRandomTest {
    @TempDir
    Path tmp;
    private final List<RocksStore> open = new ArrayList<>();

    private RocksStore store() {
        RocksStore s = RocksStore.openEmpty(tmp.resolve("s" + open.size()));
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(RocksStore::close);
    }

    /** A random op on {@code text} that cuts no surrogate pair; may insert emoji. */
    static TextOperation randomOp(Random rnd, String text) {
        int len = text.length();
        int pos = boundary(text, rnd.nextInt(len + 1));
        TextOperation.Builder b = TextOperation.builder().retain(pos);
        int end = pos;
        if (len > pos && rnd.nextInt(3) == 0) {
            end = boundary(text, pos + 1 + rnd.nextInt(Math.min(8, len - pos)));
            b.delete(end - pos);
        }
        if (end == pos || rnd.nextBoolean()) {
            String[] pieces = {"a", "bc", "\uD83D\uDE00", "xyz ", "\u00e9", "\n"};
            b.insert(pieces[rnd.nextInt(pieces.length)]);
        }
        return b.retain(len - end).build();
    }

    private static int boundary(String text, int pos) {
        return pos > 0 && pos < text.length() && Character.isLowSurrogate(text.charAt(pos))
                && Character.isHighSurrogate(text.charAt(pos - 1)) ? pos - 1 : pos;
    }

    /**
     * A log made by clients that edit stale revisions, retry earlier writes, send ops of the wrong
     * length, rename, delete, restore; generated against a live state so most edits are valid.
     */
    private static List<Command.Entry> randomDocLog(long seed, RocksStore scratch, int entries) {
        Random rnd = new Random(seed);
        DocFixture f = new DocFixture(scratch);
        List<Command.Entry> log = new ArrayList<>();
        long[] seq = new long[4];
        List<Command> sent = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int c = rnd.nextInt(seq.length);
            String client = "c" + c;
            Command cmd;
            int kind = rnd.nextInt(40);
            if (kind == 0 && !sent.isEmpty()) {
                cmd = sent.get(rnd.nextInt(sent.size())); // a retry
            } else {
                Write w = kind < 3 ? new Write.DocCreate("/d" + rnd.nextInt(3))
                        : kind == 3 ? new Write.DocRename("/d" + rnd.nextInt(3), "/d" + rnd.nextInt(3))
                        : kind == 4 ? new Write.DocDelete("/d" + rnd.nextInt(3))
                        : edit(rnd, f, kind);
                if (w == null) {
                    continue;
                }
                cmd = new Command(Command.VERSION, client, ++seq[c], f.time + 5, w);
            }
            sent.add(cmd);
            f.time = cmd.time();
            f.state.apply(new Command.Entry(Command.VERSION, List.of(cmd)), ++f.index);
            f.state.commit();
            log.add(new Command.Entry(Command.VERSION, List.of(cmd)));
        }
        return log;
    }

    private static Write edit(Random rnd, DocFixture f, int kind) {
        String path = "/d" + rnd.nextInt(3);
        dev.concord.protocol.Response.DocText head;
        try {
            head = f.open(path);
        } catch (ConcordException e) {
            return null;
        }
        if (kind == 5 && head.revision() > 0) {
            return new Write.DocRestore(head.id(), rnd.nextInt(head.revision() + 1));
        }
        int base = Math.max(0, head.revision() - rnd.nextInt(4));
        String text = f.at(path, base).text();
        if (kind == 6) {
            return new Write.DocSubmit(head.id(), base, DocFixture.insert(text.length() + 1, 0, "wrong length"));
        }
        return new Write.DocSubmit(head.id(), kind == 7 ? head.revision() + 1 : base, randomOp(rnd, text));
    }

    @Test
    void theSameCommandsOnTwoFreshStatesGiveTheSameResultsAndDigest() {
        for (int round = 0; round < 4; round++) {
            long seed = new Random().nextLong();
            RocksStore scratch = store();
            List<Command.Entry> log = randomDocLog(seed, scratch, 400);
            RocksStore a = store();
            RocksStore b = store();
            ReplicatedState sa = new ReplicatedState(a, 3_600_000);
            ReplicatedState sb = new ReplicatedState(b, 3_600_000);
            List<Result> ra = new ArrayList<>();
            List<Result> rb = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                ra.addAll(sa.apply(log.get(i), i + 1));
                rb.addAll(sb.apply(log.get(i), i + 1));
                if (i % 5 == 0) {
                    sa.commit();
                }
                if (i % 3 == 0) {
                    sb.commit();
                }
            }
            sa.commit();
            sb.commit();
            assertThat(rb).as("seed %d", seed).isEqualTo(ra);
            assertThat(ra).as("seed %d: the log must exercise edits", seed)
                    .filteredOn(r -> r instanceof Result.DocCommitted).hasSizeGreaterThan(100);
            String digest = new StateReader(a).digest().sha256();
            assertThat(new StateReader(b).digest().sha256()).as("seed %d", seed).isEqualTo(digest);
            assertThat(new StateReader(scratch).digest().sha256()).as("seed %d", seed).isEqualTo(digest);
        }
    }

    @Test
    void textAtEveryRevisionEqualsReplayingHistoryAcrossManyCheckpoints() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        RocksStore st = store();
        // Checkpoints every few ops, so rebuilding crosses many of them.
        Documents docs = new Documents(st, new Documents.Tuning(100, 4, 16, 4));
        DocStore view = DocStore.live(st);
        apply(docs, st, 1, new Write.DocCreate("/d"));
        List<String> texts = new ArrayList<>(List.of(""));
        for (int i = 0; i < 600; i++) {
            DocStore.Meta m = view.require(1);
            int base = Math.max(0, m.revision() - rnd.nextInt(5));
            TextOperation op = randomOp(rnd, texts.get(base));
            Object r = apply(docs, st, i + 2, new Write.DocSubmit(1, base, op));
            assertThat(r).as("seed %d", seed).isInstanceOf(Result.DocCommitted.class);
            DocStore.Meta after = view.require(1);
            texts.add(view.op(1, after.revision()).op().op().apply(texts.get(after.revision() - 1)));
        }
        DocStore.Meta m = view.require(1);
        assertThat(m.checkpoint()).as("seed %d", seed).isGreaterThan(0);
        for (int r = 0; r <= m.revision(); r++) {
            assertThat(view.textAt(m, r)).as("seed %d, revision %d", seed, r).isEqualTo(texts.get(r));
        }
        String head = texts.get(m.revision());
        assertThat(m.length()).isEqualTo(head.length());
        assertThat(SurrogatePairs.decode(st.get(Keys.docPairs(1)))).as("seed %d", seed)
                .containsExactly(SurrogatePairs.of(head));
        assertThat(m.pairs()).isEqualTo(SurrogatePairs.of(head).length);
    }

    private static Object apply(Documents docs, RocksStore st, long index, Write w) {
        st.mark();
        try {
            w.validate();
            Object r = docs.execute(new Command(Command.VERSION, "c", index, index, w), index, index, new ArrayList<Event>());
            st.commit();
            return r;
        } catch (ConcordException e) {
            st.rollbackToMark();
            return e;
        }
    }
}
