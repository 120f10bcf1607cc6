package dev.concord.chaos.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequential specification of one register: what each operation requires of the current
 * value and what it leaves behind. Values are interned to small ints so that search states
 * hash and compare cheaply; {@link #ABSENT} (0) stands for "key absent".
 *
 * <p>A step is deterministic: given a state and an operation with its recorded response, the
 * operation is either impossible in that state ({@link #ILLEGAL}) or leaves exactly one next
 * state. An UNKNOWN operation is always possible: it behaves as the real operation would,
 * whatever the response would have been.
 */
final class RegisterModel {

    /** Interned id of the absent value; also the initial state of every register. */
    static final int ABSENT = 0;
    /** Result of {@link #step} when the operation cannot happen in the given state. */
    static final int ILLEGAL = -1;
    /** Value of {@link Call#current} when the response did not report the value compared. */
    static final int NOT_REPORTED = -2;

    /**
     * One operation in interned form.
     *
     * @param index    position of the operation in the checked history
     * @param op       the operation itself
     * @param unknown  whether its outcome is UNKNOWN
     * @param expected interned CAS expected value
     * @param value    interned value written by PUT or CAS
     * @param read     interned value returned by a known GET
     * @param swapped  whether a known CAS reported a swap
     * @param current  interned value a known CAS reported seeing, or {@link #NOT_REPORTED}
     */
    record Call(int index, Op op, boolean unknown, int expected, int value, int read,
                boolean swapped, int current) {

        long invoke() {
            return op.invokeNanos();
        }

        long complete() {
            return op.completeNanos();
        }
    }

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    RegisterModel() {
        values.add(null);
    }

    /** Interns the operation's arguments and response; {@code op} must not be FAIL. */
    Call compile(int index, Op op) {
        boolean unknown = op.outcome() == Op.Outcome.UNKNOWN;
        int read = op.result() instanceof Op.Read r ? intern(r.value()) : ABSENT;
        boolean swapped = false;
        int current = NOT_REPORTED;
        if (op.result() instanceof Op.Swap swap) {
            swapped = swap.swapped();
            current = swap.currentKnown() ? intern(swap.current()) : NOT_REPORTED;
        }
        return new Call(index, op, unknown, intern(op.expected()), intern(op.value()), read,
                swapped, current);
    }

    /** The value an interned id stands for; null for absent. */
    String value(int id) {
        return values.get(id);
    }

    /** The state after {@code call} runs in {@code state}, or {@link #ILLEGAL}. */
    int step(int state, Call call) {
        Op.Kind kind = call.op().kind();
        if (call.unknown()) {
            return switch (kind) {
                case GET -> state;
                case PUT -> call.value();
                case CAS -> state == call.expected() ? call.value() : state;
            };
        }
        return switch (kind) {
            case GET -> call.read() == state ? state : ILLEGAL;
            case PUT -> call.value();
            case CAS -> {
                if (call.current() != NOT_REPORTED && call.current() != state) {
                    yield ILLEGAL;
                }
                if (call.swapped()) {
                    yield state == call.expected() ? call.value() : ILLEGAL;
                }
                yield state == call.expected() ? ILLEGAL : state;
            }
        };
    }

    /** Why {@code call} cannot run in {@code state}, or null if it can. */
    String whyIllegal(int state, Call call) {
        if (step(state, call) != ILLEGAL) {
            return null;
        }
        String holds = "the register holds " + Op.quote(value(state));
        if (call.op().kind() == Op.Kind.GET) {
            return "read " + Op.quote(value(call.read())) + " but " + holds;
        }
        if (call.current() != NOT_REPORTED && call.current() != state) {
            return "reports seeing " + Op.quote(value(call.current())) + " but " + holds;
        }
        return call.swapped()
                ? "swapped from " + Op.quote(value(call.expected())) + " but " + holds
                : "did not swap although " + holds + ", the expected value";
    }

    private int intern(String value) {
        if (value == null) {
            return ABSENT;
        }
        return ids.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }
}
