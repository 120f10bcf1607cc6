package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.config.FileLimits;
import dev.concord.protocol.Command;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What applying file chunks costs on one node: decode from the log bytes, hash, store, commit. */
class ChunkApplyCostTest {
    @TempDir
    Path tmp;

    @Test
    void applyingAChunkCostsAFewMillisecondsPerMebibyte() {
        try (RocksStore store = RocksStore.openEmpty(tmp.resolve("s"))) {
            FileFixture f = new FileFixture(store, new FileLimits(3, 1L << 40, 1L << 40, 60_000));
            int chunks = 128;
            byte[] data = new byte[Limits.FILE_CHUNK_BYTES];
            new Random(1).nextBytes(data);
            long id = f.ok(new FileOp.Begin("/x", (long) chunks * data.length, "0".repeat(64), null, null),
                    FileResult.UploadStarted.class).upload();
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                long start = System.nanoTime();
                for (int i = round * chunks / 4; i < (round + 1) * chunks / 4; i++) {
                    byte[] entry = Payloads.encodeEntry(new Command.Entry(Command.VERSION, List.of(new Command(
                            Command.VERSION, "c", ++f.seq, f.time, new Write.File(new FileOp.Chunk(id, i, data))))));
                    f.state.apply(Payloads.decodeEntry(entry), ++f.index);
                    f.state.commit();
                }
                best = Math.min(best, (System.nanoTime() - start) / (chunks / 4));
            }
            System.out.printf("chunk apply: %.2f ms per MiB (best of 4 rounds)%n", best / 1e6);
            assertThat(best).isLessThan(50_000_000L);
        }
    }
}
