package dev.concord.chaos.check;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether the operations on one key are linearizable: the depth-first search of
 * Wing &amp; Gong with Lowe's memoisation of visited (linearized set, register value) pairs,
 * the scheme Porcupine uses.
 *
 * <p>The history is a doubly linked list of events, each operation contributing a call event
 * at its invocation and a return event at its completion, ordered by time with calls before
 * returns at equal times (so operations that touch at a single instant count as concurrent).
 * The call events ahead of the first return event are exactly the operations real time
 * allows to take effect next. The search tries them in list order; linearizing one removes
 * both its events ("lifts" it) and restarts from the head. Reaching a return event means the
 * operation it belongs to had to take effect before then and did not, so the search undoes
 * its last choice and tries the next call after it. Lifted events keep their links, so
 * undoing restores them in reverse order of removal (dancing links).
 *
 * <p>UNKNOWN operations return at +infinity: they may be linearized anywhere after their
 * invocation, or never, since leaving one out is indistinguishable from placing it last. The
 * search therefore succeeds as soon as every known operation is linearized, and never
 * linearizes an unknown operation that would leave the value unchanged: leaving it pending
 * reaches every state that linearizing it reaches. Unknown operations with the same kind and
 * arguments are interchangeable, so they are linearized only in invocation order: if a
 * linearization uses j of them, the j invoked earliest can take those places, because each
 * was invoked no later than the one it replaces.
 *
 * <p>An instance runs once and is not thread-safe.
 */
final class KeySearch {

    /**
     * Where a search gives up.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which to stop
     * @param timeLimitText how to describe the time limit in the result
     * @param maxSteps      model steps after which to stop
     * @param maxMemoBytes  estimated memo size after which to stop
     */
    record Bounds(long deadlineNanos, String timeLimitText, long maxSteps, long maxMemoBytes) {
    }

    private static final int END = -1;
    /** The clock is read only every this many steps: reading it costs more than a step. */
    private static final int CLOCK_EVERY = 1024;

    private final String key;
    private final RegisterModel model;
    private final RegisterModel.Call[] calls;
    private final int head;
    private final int[] next;
    private final int[] prev;
    /** For an unknown operation, the id of the previous interchangeable one, or -1. */
    private final int[] previousTwin;

    private final LinearizedSet linearized;
    /** stack[0..depth) is the current partial linearization; stateBefore[d] precedes stack[d]. */
    private final int[] stack;
    private final int[] stateBefore;
    private int depth;
    private int state = RegisterModel.ABSENT;
    private int remainingKnown;
    private long steps;
    private String stopReason;

    /** best[0..bestDepth) is the longest linearization reached so far. */
    private final int[] best;
    private int bestDepth;
    /** best[0..savedUpTo) equals stack[0..savedUpTo), so saving copies only the rest. */
    private int savedUpTo;

    /**
     * @param calls the key's operations, FAIL ones already dropped, in any order. Internally
     *              an operation's id is its position in {@link #calls}: known operations by
     *              invocation time, then unknown ones (the order {@link LinearizedSet} needs).
     *              The call event of operation i is entry 2i, its return event 2i+1.
     */
    KeySearch(String key, RegisterModel model, List<RegisterModel.Call> calls) {
        this.key = key;
        this.model = model;
        this.calls = calls.stream()
                .sorted(Comparator.comparing(RegisterModel.Call::unknown)
                        .thenComparingLong(RegisterModel.Call::invoke)
                        .thenComparingInt(RegisterModel.Call::index))
                .toArray(RegisterModel.Call[]::new);
        int n = this.calls.length;
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.stack = new int[n];
        this.stateBefore = new int[n];
        this.best = new int[n];
        for (RegisterModel.Call call : this.calls) {
            remainingKnown += call.unknown() ? 0 : 1;
        }
        this.linearized = new LinearizedSet(remainingKnown, n - remainingKnown);
        this.previousTwin = twins(this.calls);
        link();
    }

    /** Runs the search to a verdict, or until a bound stops it. */
    KeyResult run(Bounds bounds) {
        long start = System.nanoTime();
        Verdict verdict = search(bounds);
        long elapsed = System.nanoTime() - start;
        return switch (verdict) {
            case PASS -> new KeyResult(key, verdict, calls.length, steps, elapsed, null, null);
            case UNKNOWN -> new KeyResult(key, verdict, calls.length, steps, elapsed,
                    stopReason + "; longest linearizable prefix so far: " + bestDepth + " of "
                            + calls.length + " ops", null);
            case FAIL -> new KeyResult(key, verdict, calls.length, steps, elapsed, null,
                    EvidenceBuilder.build(model, calls, best, bestDepth));
        };
    }

    private Verdict search(Bounds bounds) {
        int entry = next[head];
        while (remainingKnown > 0) {
            if (entry == END) {
                // A known operation's return event always follows the calls still listed.
                throw new IllegalStateException("event list ended with known operations left");
            }
            int op = entry >>> 1;
            if ((entry & 1) == 0) {
                if (steps == bounds.maxSteps()) {
                    stopReason = "step bound of " + bounds.maxSteps() + " reached";
                    return Verdict.UNKNOWN;
                }
                steps++;
                if (steps % CLOCK_EVERY == 0 && outOfTime(bounds)) {
                    return Verdict.UNKNOWN;
                }
                RegisterModel.Call call = calls[op];
                int after = model.step(state, call);
                boolean useful = after != RegisterModel.ILLEGAL
                        && !(call.unknown() && (after == state || twinPending(op)));
                if (useful && linearized.addIfUnvisited(op, after)) {
                    push(op, after);
                    if (linearized.visitedBytes() > bounds.maxMemoBytes()) {
                        long bound = bounds.maxMemoBytes();
                        stopReason = "memory bound of " + (bound >= 1 << 20
                                ? (bound >> 20) + " MiB" : bound + " bytes")
                                + " reached after " + steps + " steps";
                        return Verdict.UNKNOWN;
                    }
                    entry = next[head];
                } else {
                    entry = next[entry];
                }
            } else {
                if (depth == 0) {
                    return Verdict.FAIL;
                }
                entry = next[2 * pop()];
            }
        }
        return Verdict.PASS;
    }

    /** Whether an interchangeable unknown operation invoked earlier is still unlinearized. */
    private boolean twinPending(int op) {
        return previousTwin[op] >= 0 && !linearized.contains(previousTwin[op]);
    }

    private static int[] twins(RegisterModel.Call[] calls) {
        int[] previous = new int[calls.length];
        Map<List<Object>, Integer> last = new HashMap<>();
        for (int op = 0; op < calls.length; op++) {
            RegisterModel.Call call = calls[op];
            previous[op] = -1;
            if (call.unknown()) {
                Integer twin = last.put(
                        List.of(call.op().kind(), call.expected(), call.value()), op);
                previous[op] = twin == null ? -1 : twin;
            }
        }
        return previous;
    }

    private boolean outOfTime(Bounds bounds) {
        if (Thread.currentThread().isInterrupted()) {
            stopReason = "interrupted";
            return true;
        }
        if (System.nanoTime() - bounds.deadlineNanos() > 0) {
            stopReason = "time bound of " + bounds.timeLimitText() + " exceeded after " + steps
                    + " steps";
            return true;
        }
        return false;
    }

    /** Extends the linearization by {@code op}, already added to {@link #linearized}. */
    private void push(int op, int after) {
        stack[depth] = op;
        stateBefore[depth] = state;
        depth++;
        state = after;
        lift(op);
        remainingKnown -= calls[op].unknown() ? 0 : 1;
        if (depth > bestDepth) {
            System.arraycopy(stack, savedUpTo, best, savedUpTo, depth - savedUpTo);
            bestDepth = depth;
            savedUpTo = depth;
        }
    }

    /** Undoes the last push and returns the operation it had linearized. */
    private int pop() {
        depth--;
        int op = stack[depth];
        state = stateBefore[depth];
        unlift(op);
        linearized.removeLast(op);
        remainingKnown += calls[op].unknown() ? 0 : 1;
        savedUpTo = Math.min(savedUpTo, depth);
        return op;
    }

    /** Builds the event list: by time, calls before returns at a tie, then by operation. */
    private void link() {
        Integer[] events = new Integer[2 * calls.length];
        for (int e = 0; e < events.length; e++) {
            events[e] = e;
        }
        Arrays.sort(events, Comparator.<Integer>comparingLong(this::time)
                .thenComparingInt(e -> e & 1)
                .thenComparingInt(e -> e));
        int last = head;
        for (int e : events) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = END;
    }

    private long time(int event) {
        RegisterModel.Call call = calls[event >>> 1];
        return (event & 1) == 0 ? call.invoke() : call.complete();
    }

    private void lift(int op) {
        unlink(2 * op);
        unlink(2 * op + 1);
    }

    /** Reverses {@link #lift}: relinks in the opposite order so every saved link is valid. */
    private void unlift(int op) {
        relink(2 * op + 1);
        relink(2 * op);
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        if (next[e] != END) {
            prev[next[e]] = prev[e];
        }
    }

    private void relink(int e) {
        next[prev[e]] = e;
        if (next[e] != END) {
            prev[next[e]] = e;
        }
    }
}
