package dev.concord.chaos.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks that a history of register operations is linearizable: that some total order of
 * the operations that took effect respects real time (an operation that completed before
 * another was invoked comes first) and the sequential semantics of a register.
 *
 * <p>Linearizability is compositional (Herlihy &amp; Wing's locality): a history is
 * linearizable exactly when its restriction to each key is. So each key is searched alone,
 * with its own bounds, which keeps the search exponential only in one key's concurrency
 * rather than the whole history's.
 *
 * <p>Before searching, FAIL operations are dropped (they did not take effect) and so are
 * UNKNOWN reads (they change nothing and nobody saw their result). Every register starts
 * absent.
 *
 * <p>Instances are immutable and may be shared; {@link #check} is safe to call concurrently.
 */
public final class LinearizabilityChecker {

    /**
     * How hard to search. A search that reaches any bound stops with UNKNOWN.
     *
     * @param perKeyTimeout     wall time one key's search may take
     * @param perKeyMaxSteps    model steps one key's search may take
     * @param perKeyMaxMemoBytes estimated heap one key's memo of visited states may hold; each
     *                          of the {@code parallelism} searches running at once may use
     *                          this much
     * @param parallelism       how many keys to search at once (1: on the calling thread)
     */
    public record Options(Duration perKeyTimeout, long perKeyMaxSteps, long perKeyMaxMemoBytes,
                          int parallelism) {

        public Options {
            Objects.requireNonNull(perKeyTimeout, "perKeyTimeout");
            if (perKeyTimeout.isNegative() || perKeyMaxSteps < 0 || perKeyMaxMemoBytes < 0
                    || parallelism < 1) {
                throw new IllegalArgumentException("bounds must be non-negative, parallelism >= 1");
            }
        }

        /**
         * Ten seconds per key, no step bound, a memo of at most a quarter of the maximum heap,
         * one thread.
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Long.MAX_VALUE,
                    Runtime.getRuntime().maxMemory() / 4, 1);
        }

        /** These options with another per-key time bound. */
        public Options withPerKeyTimeout(Duration timeout) {
            return new Options(timeout, perKeyMaxSteps, perKeyMaxMemoBytes, parallelism);
        }

        /** These options with another per-key step bound. */
        public Options withPerKeyMaxSteps(long maxSteps) {
            return new Options(perKeyTimeout, maxSteps, perKeyMaxMemoBytes, parallelism);
        }

        /** These options with another per-key memo size bound. */
        public Options withPerKeyMaxMemoBytes(long maxBytes) {
            return new Options(perKeyTimeout, perKeyMaxSteps, maxBytes, parallelism);
        }

        /** These options with another number of keys searched at once. */
        public Options withParallelism(int threads) {
            return new Options(perKeyTimeout, perKeyMaxSteps, perKeyMaxMemoBytes, threads);
        }
    }

    private final Options options;

    /** A checker with the given bounds. */
    public LinearizabilityChecker(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A checker with {@link Options#defaults()}. */
    public LinearizabilityChecker() {
        this(Options.defaults());
    }

    /** The bounds this checker searches within. */
    public Options options() {
        return options;
    }

    /**
     * Checks {@code history}, given in any order. Evidence refers to operations by their
     * position in this list.
     *
     * @throws InterruptedException if interrupted while waiting for parallel searches; a
     *                              search running on the calling thread instead stops with
     *                              UNKNOWN and leaves the interrupt flag set
     */
    public CheckResult check(List<Op> history) throws InterruptedException {
        long start = System.nanoTime();
        long origin = history.stream().mapToLong(Op::invokeNanos).min().orElse(0);
        Map<String, List<Integer>> byKey = new TreeMap<>();
        for (int i = 0; i < history.size(); i++) {
            byKey.computeIfAbsent(history.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        List<KeyResult> results = new ArrayList<>();
        if (options.parallelism() == 1 || byKey.size() <= 1) {
            byKey.forEach((key, indices) -> results.add(checkKey(key, history, indices)));
        } else {
            results.addAll(checkInParallel(history, byKey));
        }
        return CheckResult.of(results, history.size(), origin, System.nanoTime() - start);
    }

    private List<KeyResult> checkInParallel(List<Op> history, Map<String, List<Integer>> byKey)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(options.parallelism(), byKey.size()), runnable -> {
                    Thread thread = new Thread(runnable, "linearizability-check");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<KeyResult>> futures = new ArrayList<>();
            byKey.forEach((key, indices) ->
                    futures.add(pool.submit(() -> checkKey(key, history, indices))));
            List<KeyResult> results = new ArrayList<>();
            for (Future<KeyResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a key's search failed", e.getCause());
        } finally {
            // Interrupts searches still running when this thread gave up waiting.
            pool.shutdownNow();
        }
    }

    private KeyResult checkKey(String key, List<Op> history, List<Integer> indices) {
        RegisterModel model = new RegisterModel();
        List<RegisterModel.Call> calls = new ArrayList<>(indices.size());
        for (int index : indices) {
            Op op = history.get(index);
            boolean dropped = op.outcome() == Op.Outcome.FAIL
                    || (op.outcome() == Op.Outcome.UNKNOWN && op.kind() == Op.Kind.GET);
            if (!dropped) {
                calls.add(model.compile(index, op));
            }
        }
        Duration timeout = options.perKeyTimeout();
        long timeoutNanos = timeout.compareTo(Duration.ofDays(365)) > 0
                ? Long.MAX_VALUE / 2
                : timeout.toNanos();
        KeySearch.Bounds bounds = new KeySearch.Bounds(System.nanoTime() + timeoutNanos,
                describe(timeout), options.perKeyMaxSteps(), options.perKeyMaxMemoBytes());
        return new KeySearch(key, model, calls).run(bounds);
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
