package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.Command;
import dev.concord.protocol.Event;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keystrokes on a 1 KB and on a 1 MB document cost the same to apply: the bytes apply reads and
 * writes per op (checkpoints aside) are equal, checkpoints add a bounded amount per op whatever the
 * size, and the median apply time does not grow with the text.
 */
class DocumentApplyCostTest {
    private static final int OPS = 6_000;

    @TempDir
    Path tmp;

    /**
     * Counts the bytes apply moves through the store. Checkpoint traffic is counted apart: writes
     * of {@code k/} keys, and reads of {@code k/} and {@code h/} keys (every op here is based on the
     * head, so apply itself reads no history; only rebuilding the text for a checkpoint does).
     */
    static final class Counting implements KvStore {
        final KvStore inner;
        long read;
        long written;
        long checkpointRead;
        long checkpointWritten;

        private void countRead(byte[] k, byte[] v) {
            long n = k.length + (v == null ? 0 : v.length);
            if (k[0] == 'k' || k[0] == 'h') {
                checkpointRead += n;
            } else {
                read += n;
            }
        }

        Counting(KvStore inner) {
            this.inner = inner;
        }

        @Override
        public byte[] get(byte[] key) {
            byte[] v = inner.get(key);
            countRead(key, v);
            return v;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            if (key[0] == 'k') {
                checkpointWritten += key.length + value.length;
            } else {
                written += key.length + value.length;
            }
            inner.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            written += key.length;
            inner.delete(key);
        }

        @Override
        public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
            inner.scan(from, to, (k, v) -> {
                countRead(k, v);
                return visitor.test(k, v);
            });
        }

        @Override
        public void mark() {
            inner.mark();
        }

        @Override
        public void rollbackToMark() {
            inner.rollbackToMark();
        }

        @Override
        public void commit() {
            inner.commit();
        }

        @Override
        public <T> T readCommitted(Function<Reader, T> body) {
            return inner.readCommitted(body);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    record Cost(int size, double writtenPerOp, double readPerOp, double checkpointWrittenPerOp,
                double checkpointReadPerOp, long p50Nanos, long p99Nanos, long maxNanos, double meanNanos) {
    }

    private Cost measure(int size, long seed) {
        try (RocksStore rocks = RocksStore.openEmpty(tmp.resolve("s" + size))) {
            Counting store = new Counting(rocks);
            Documents docs = new Documents(store);
            long index = 0;
            apply(docs, store, ++index, new Write.DocCreate("/big"));
            int length = 0;
            for (int chunk = 0; length < size; chunk++) {
                int n = Math.min(100_000, size - length);
                apply(docs, store, ++index, new Write.DocSubmit(1, chunk, DocFixture.insert(length, length, "x".repeat(n))));
                length += n;
            }
            int rev = DocStore.live(store).require(1).revision();
            Random rnd = new Random(seed);
            store.read = 0;
            store.written = 0;
            store.checkpointWritten = 0;
            store.checkpointRead = 0;
            long[] nanos = new long[OPS];
            for (int i = 0; i < OPS; i++) {
                int pos = rnd.nextInt(length);
                TextOperation op = i % 2 == 0 ? DocFixture.insert(length, pos, "k") : DocFixture.delete(length, pos, 1);
                long t0 = System.nanoTime();
                Result r = apply(docs, store, ++index, new Write.DocSubmit(1, rev, op));
                nanos[i] = System.nanoTime() - t0;
                assertThat(r).isInstanceOf(Result.DocCommitted.class);
                rev++;
                length = op.targetLength();
            }
            long total = Arrays.stream(nanos).sum();
            Arrays.sort(nanos);
            return new Cost(size, (double) store.written / OPS, (double) store.read / OPS,
                    (double) store.checkpointWritten / OPS, (double) store.checkpointRead / OPS, nanos[OPS / 2], nanos[OPS * 99 / 100], nanos[OPS - 1], (double) total / OPS);
        }
    }

    private static Result apply(Documents docs, KvStore store, long index, Write w) {
        store.mark();
        Result r = docs.execute(new Command(Command.VERSION, "bench", index, index, w), index, index, new ArrayList<Event>());
        store.commit();
        return r;
    }

    @Test
    void keystrokesOnAOneMegabyteDocumentCostWhatTheyCostOnAOneKilobyteOne() {
        long seed = new Random().nextLong();
        measure(1_000, seed); // warm-up: JIT, RocksDB
        Cost small = measure(1_000, seed);
        Cost big = measure(1_000_000, seed);
        for (Cost c : List.of(small, big)) {
            System.out.printf("doc %,9d chars: %.0f B written/op, %.0f B read/op; checkpoints %.0f B written/op,"
                    + " %.0f B read/op; apply p50 %.1f us, p99 %.1f us, max %.1f ms, mean %.1f us%n", c.size(), c.writtenPerOp(),
                    c.readPerOp(), c.checkpointWrittenPerOp(), c.checkpointReadPerOp(), c.p50Nanos() / 1e3,
                    c.p99Nanos() / 1e3, c.maxNanos() / 1e6, c.meanNanos() / 1e3);
        }
        // Metadata and op records differ only in the digits of lengths and positions.
        assertThat(big.writtenPerOp()).as("seed %d", seed).isLessThan(small.writtenPerOp() * 1.2);
        assertThat(big.readPerOp()).as("seed %d", seed).isLessThan(small.readPerOp() * 1.2);
        // A checkpoint of L chars comes at most every L / (ratio * opWeight) ops: ratio * opWeight bytes
        // per op in the long run. A window of OPS ops may hold one checkpoint more than its share: 2x.
        Documents.Tuning t = Documents.Tuning.DEFAULT;
        long amortized = t.checkpointRatio() * t.opWeight();
        assertThat(big.checkpointWrittenPerOp()).as("seed %d", seed).isGreaterThan(0).isLessThan(2 * amortized);
        // Rebuilding reads the previous checkpoint and the ops since: the same bound plus one op record each.
        assertThat(big.checkpointReadPerOp()).as("seed %d", seed).isLessThan(2 * amortized + 2 * small.writtenPerOp());
        // Wall time is noisy on a shared machine; the median is robust and must not track the size.
        assertThat(big.p50Nanos()).as("seed %d", seed).isLessThan(small.p50Nanos() * 3 + 50_000);
    }
}
