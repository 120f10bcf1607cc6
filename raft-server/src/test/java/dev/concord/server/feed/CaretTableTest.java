package dev.concord.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.Response;
import dev.concord.protocol.presence.Caret;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaretTableTest {
    private final CaretTable table = new CaretTable();

    @AfterEach
    void close() {
        table.close();
    }

    private static Caret caret(String client, int pos) {
        return new Caret(client, "user-" + client, 3, pos, pos);
    }

    /** A parked watch is answered by the next change to its document, with every caret in it. */
    @Test
    void publishWakesWatchersOfThatDocumentOnly() throws Exception {
        Response.Carets first = table.publish(1, caret("a", 1));
        CompletableFuture<Response.Carets> same = new CompletableFuture<>();
        CompletableFuture<Response.Carets> other = new CompletableFuture<>();
        table.watch(1, first.version(), 5_000, same::complete);
        table.watch(2, table.publish(2, caret("x", 0)).version(), 5_000, other::complete);
        assertThat(same).isNotDone();

        table.publish(1, caret("b", 7));
        Response.Carets seen = same.get(1, TimeUnit.SECONDS);
        assertThat(seen.version()).isNotEqualTo(first.version());
        assertThat(seen.carets()).extracting(Caret::clientId).containsExactly("a", "b");
        assertThat(other).isNotDone();
    }

    /** Republishing an unchanged caret (a heartbeat) refreshes its lease without waking anyone. */
    @Test
    void heartbeatDoesNotWakeWatchers() {
        Response.Carets v = table.publish(1, caret("a", 1));
        CompletableFuture<Response.Carets> w = new CompletableFuture<>();
        table.watch(1, v.version(), 5_000, w::complete);
        assertThat(table.publish(1, caret("a", 1)).version()).isEqualTo(v.version());
        assertThat(w).isNotDone();
    }

    /** A watch whose version differs (first call, or carried over from another leader) answers at once. */
    @Test
    void staleVersionAnswersAtOnceAndWaitRunsOut() throws Exception {
        table.publish(1, caret("a", 1));
        CompletableFuture<Response.Carets> now = new CompletableFuture<>();
        table.watch(1, 12345, 5_000, now::complete);
        assertThat(now.get(1, TimeUnit.SECONDS).carets()).hasSize(1);

        CompletableFuture<Response.Carets> later = new CompletableFuture<>();
        long t0 = System.nanoTime();
        table.watch(1, now.get().version(), 200, later::complete);
        assertThat(later.get(3, TimeUnit.SECONDS).version()).isEqualTo(now.get().version());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(190);
    }

    /** Leaving removes the caret at once and tells the watchers. */
    @Test
    void leaveRemovesAndWakes() throws Exception {
        Response.Carets v = table.publish(1, caret("a", 1));
        table.publish(1, caret("b", 2));
        CompletableFuture<Response.Carets> w = new CompletableFuture<>();
        table.watch(1, table.publish(1, caret("b", 3)).version(), 5_000, w::complete);
        table.leave(1, "a");
        assertThat(w.get(1, TimeUnit.SECONDS).carets()).extracting(Caret::clientId).containsExactly("b");
        assertThat(table.size()).isEqualTo(1);
        assertThat(v.carets()).hasSize(1);
    }

    /** A client that stops publishing (crashed, disconnected) disappears after the time-to-live. */
    @Test
    void silentCaretExpires() throws Exception {
        Response.Carets v = table.publish(1, caret("gone", 1));
        CompletableFuture<Response.Carets> w = new CompletableFuture<>();
        table.watch(1, v.version(), 20_000, w::complete);
        Response.Carets after = w.get(CaretTable.TTL_MS + 3_000, TimeUnit.MILLISECONDS);
        assertThat(after.carets()).isEmpty();
        assertThat(table.size()).isZero();
    }
}
