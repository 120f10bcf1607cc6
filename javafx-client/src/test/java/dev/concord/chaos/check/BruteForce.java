package dev.concord.chaos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * An independent oracle for tiny single-key histories: tries every order of the operations
 * that took effect which real time allows, with no memoisation and no event list. An UNKNOWN
 * operation may be placed anywhere after its invocation or left out.
 */
final class BruteForce {

    private static final List<String> VALUES = new ArrayList<>(SimulatedRegisters.ALPHABET);

    static {
        VALUES.add(null);
    }

    private BruteForce() {
    }

    /**
     * A history of 1 to 7 operations on one key, from a simulated register, in which each
     * completed operation's response is replaced by a random one with probability 1/4.
     */
    static List<Op> randomTinyHistory(Random random) {
        SimulatedRegisters shape = new SimulatedRegisters(2 + random.nextInt(3), 1,
                1 + random.nextInt(7), 15, 10);
        List<Op> history = new ArrayList<>(shape.generate(random.nextLong()));
        for (int i = 0; i < history.size(); i++) {
            Op op = history.get(i);
            if (op.outcome() == Op.Outcome.OK && random.nextInt(4) == 0) {
                history.set(i, new Op(op.process(), op.key(), op.kind(), op.expected(),
                        op.value(), op.invokeNanos(), op.completeNanos(), op.outcome(),
                        randomResult(op.kind(), random)));
            }
        }
        return history;
    }

    private static Op.Result randomResult(Op.Kind kind, Random random) {
        String value = VALUES.get(random.nextInt(VALUES.size()));
        return switch (kind) {
            case GET -> new Op.Read(value);
            case PUT -> new Op.Written();
            case CAS -> random.nextBoolean()
                    ? Op.Swap.seeing(random.nextBoolean(), value)
                    : Op.Swap.of(random.nextBoolean());
        };
    }

    /** Whether some real-time-respecting order of {@code history} is a legal register run. */
    static boolean linearizable(List<Op> history) {
        List<Op> live = history.stream().filter(op -> op.outcome() != Op.Outcome.FAIL).toList();
        return extend(live, new boolean[live.size()], null);
    }

    private static boolean extend(List<Op> ops, boolean[] placed, String value) {
        boolean knownLeft = false;
        for (int i = 0; i < ops.size(); i++) {
            knownLeft |= !placed[i] && ops.get(i).outcome() == Op.Outcome.OK;
        }
        if (!knownLeft) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || mustWait(ops, placed, i)) {
                continue;
            }
            Op op = ops.get(i);
            String[] after = apply(op, value);
            if (after == null) {
                continue;
            }
            placed[i] = true;
            boolean found = extend(ops, placed, after[0]);
            placed[i] = false;
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Whether an unplaced operation completed before {@code ops[i]} was invoked. */
    private static boolean mustWait(List<Op> ops, boolean[] placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (j != i && !placed[j] && ops.get(j).completeNanos() < ops.get(i).invokeNanos()) {
                return true;
            }
        }
        return false;
    }

    /** The value after {@code op}, boxed in a one-element array; null if it is illegal. */
    private static String[] apply(Op op, String value) {
        boolean matches = Objects.equals(value, op.expected());
        if (op.outcome() == Op.Outcome.UNKNOWN) {
            return switch (op.kind()) {
                case GET -> new String[] {value};
                case PUT -> new String[] {op.value()};
                case CAS -> new String[] {matches ? op.value() : value};
            };
        }
        if (op.result() instanceof Op.Read read) {
            return Objects.equals(read.value(), value) ? new String[] {value} : null;
        }
        if (op.result() instanceof Op.Swap swap) {
            if (swap.currentKnown() && !Objects.equals(swap.current(), value)) {
                return null;
            }
            if (swap.swapped() != matches) {
                return null;
            }
            return new String[] {matches ? op.value() : value};
        }
        return new String[] {op.value()};
    }
}
