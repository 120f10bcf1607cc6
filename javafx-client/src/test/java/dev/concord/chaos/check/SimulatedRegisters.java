package dev.concord.chaos.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction: concurrent clients run against
 * a real in-memory store of registers, and each operation takes effect at a random instant
 * inside its own [invoke, complete] interval, in the order of those instants.
 *
 * <p>Each client issues one operation at a time; the client whose previous operation ended
 * earliest goes next, so all clients stay active across the whole history. An operation
 * recorded as FAIL never takes effect; one recorded as UNKNOWN takes effect with probability
 * one half. Values come from a small alphabet so that compare-and-set often succeeds.
 *
 * @param processes       concurrent clients
 * @param keys            registers, named {@code k0, k1, ...}
 * @param ops             operations in the history
 * @param unknownPercent  share of operations recorded as UNKNOWN
 * @param failPercent     share of operations recorded as FAIL
 */
record SimulatedRegisters(int processes, int keys, int ops, int unknownPercent, int failPercent) {

    /** Values the simulation writes; a value outside this set is certainly never written. */
    static final List<String> ALPHABET = List.of("a", "b", "c", "d");

    private record Pending(Op invocation, long effectAt, boolean takesEffect, Op.Outcome outcome,
                           boolean reportsCurrent) {
    }

    /** A history from {@code seed}, its operations shuffled (the checker must not care). */
    List<Op> generate(long seed) {
        Random random = new Random(seed);
        long[] clock = new long[processes];
        List<Pending> pending = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            int p = 0;
            for (int q = 1; q < processes; q++) {
                p = clock[q] < clock[p] ? q : p;
            }
            long invoke = clock[p] + random.nextInt(50);
            long effectAt = invoke + random.nextInt(100);
            long complete = effectAt + random.nextInt(100);
            clock[p] = complete;
            int roll = random.nextInt(100);
            Op.Outcome outcome = roll < unknownPercent ? Op.Outcome.UNKNOWN
                    : roll < unknownPercent + failPercent ? Op.Outcome.FAIL : Op.Outcome.OK;
            boolean takesEffect = outcome == Op.Outcome.OK
                    || outcome == Op.Outcome.UNKNOWN && random.nextBoolean();
            Op invocation = invocation(random, p, "k" + random.nextInt(keys), invoke, complete);
            pending.add(new Pending(invocation, effectAt, takesEffect, outcome,
                    random.nextBoolean()));
        }
        // Both intervals of two operations with the same effect instant contain it, so either
        // order is valid; the stable sort keeps generation order.
        List<Pending> byEffect = new ArrayList<>(pending);
        byEffect.sort(Comparator.comparingLong(Pending::effectAt));
        Map<String, String> store = new HashMap<>();
        List<Op> history = new ArrayList<>(ops);
        for (Pending op : byEffect) {
            history.add(record(op, store));
        }
        Collections.shuffle(history, random);
        return history;
    }

    private static Op invocation(Random random, int process, String key, long invoke,
                                 long complete) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return new Op(process, key, Op.Kind.GET, null, null, invoke, complete,
                    Op.Outcome.FAIL, null);
        }
        String value = ALPHABET.get(random.nextInt(ALPHABET.size()));
        if (kind < 6) {
            return new Op(process, key, Op.Kind.PUT, null, value, invoke, complete,
                    Op.Outcome.FAIL, null);
        }
        int e = random.nextInt(ALPHABET.size() + 1);
        String expected = e == ALPHABET.size() ? null : ALPHABET.get(e);
        return new Op(process, key, Op.Kind.CAS, expected, value, invoke, complete,
                Op.Outcome.FAIL, null);
    }

    /** Applies {@code op} to {@code store} if it takes effect, and records what it saw. */
    private static Op record(Pending pending, Map<String, String> store) {
        Op op = pending.invocation();
        String key = op.key();
        String current = store.get(key);
        Op.Result result = switch (op.kind()) {
            case GET -> new Op.Read(current);
            case PUT -> new Op.Written();
            case CAS -> {
                boolean swapped = Objects.equals(current, op.expected());
                yield pending.reportsCurrent() ? Op.Swap.seeing(swapped, current)
                        : Op.Swap.of(swapped);
            }
        };
        if (pending.takesEffect()) {
            boolean writes = op.kind() == Op.Kind.PUT
                    || op.kind() == Op.Kind.CAS && Objects.equals(current, op.expected());
            if (writes) {
                store.put(key, op.value());
            }
        }
        return switch (pending.outcome()) {
            case OK -> new Op(op.process(), key, op.kind(), op.expected(), op.value(),
                    op.invokeNanos(), op.completeNanos(), Op.Outcome.OK, result);
            case FAIL -> op;
            case UNKNOWN -> op.unknown();
        };
    }
}
