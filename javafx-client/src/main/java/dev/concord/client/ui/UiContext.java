package dev.concord.client.ui;

import dev.concord.client.cli.LocalCluster;
import dev.concord.client.net.ClusterClient;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every view model of one window shares: the cluster client, who is signed in, the way back
 * to the FX thread, and a small pool for blocking calls. Nothing here blocks the FX thread:
 * {@link #io} runs a blocking call on the pool and {@link #fx} brings results back.
 *
 * @param local node process control when the nodes run on this machine, else null
 * @param token the session token when accounts are in use, else null
 */
public record UiContext(ClusterClient client, String user, String token, LocalCluster local, FxExecutor fx,
                        ExecutorService pool) implements AutoCloseable {

    public static UiContext create(ClusterClient client, String user, String token, LocalCluster local, FxExecutor fx) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "concord-ui-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new UiContext(client, user, token, local, fx, pool);
    }

    /** Runs a blocking call off the FX thread. */
    public <T> CompletableFuture<T> io(Callable<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    /** The message of a failed future's cause, for the status line. */
    public static String messageOf(Throwable err) {
        Throwable t = err;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
