package dev.concord.chaos.check;

import java.util.Objects;

/**
 * One operation of a recorded history against the replicated register store: who issued it,
 * what it asked for, when, and what came back.
 *
 * <p>Values are strings; {@code null} means "key absent" wherever a value appears (the
 * argument of {@code put}, either argument of {@code cas}, a read result).
 *
 * <p>Invariants, enforced by the constructor:
 * <ul>
 *   <li>{@code GET} has no arguments; {@code PUT} has only {@code value}; {@code CAS} has
 *       {@code expected} and {@code value}.
 *   <li>{@code OK} carries a {@link Result} of the variant that matches the kind, and
 *       {@code invokeNanos <= completeNanos}.
 *   <li>{@code FAIL} and {@code UNKNOWN} carry no result.
 *   <li>{@code UNKNOWN} has {@code completeNanos == Long.MAX_VALUE}: the operation may take
 *       effect at any moment after its invocation, so it is concurrent with everything that
 *       follows it (Jepsen's {@code :info}). Any other completion time given is replaced.
 * </ul>
 *
 * @param process      the client that issued the operation; a client issues one at a time
 * @param key          the register the operation addresses
 * @param kind         which operation
 * @param expected     for {@code CAS}, the value it requires (null: requires the key absent)
 * @param value        for {@code PUT} and {@code CAS}, the value to write (null: remove)
 * @param invokeNanos  when the client sent the request
 * @param completeNanos when the client received the response; {@code Long.MAX_VALUE} if never
 * @param outcome      what the client learned
 * @param result       the response, present exactly when {@code outcome == OK}
 */
public record Op(int process, String key, Kind kind, String expected, String value,
                 long invokeNanos, long completeNanos, Outcome outcome, Result result) {

    /** Completion time of an operation whose response never arrived. */
    public static final long NEVER = Long.MAX_VALUE;

    /** The operations the register supports. */
    public enum Kind { GET, PUT, CAS }

    /** What the client learned about the operation. */
    public enum Outcome {
        /** The response arrived; {@link Op#result()} holds it. */
        OK,
        /** The operation definitely did not take effect; the checker drops it. */
        FAIL,
        /** The operation may or may not have taken effect, at any time after invocation. */
        UNKNOWN
    }

    /** The response to a completed operation; the variant matches the operation's kind. */
    public sealed interface Result permits Read, Written, Swap {
    }

    /**
     * Response to {@code GET}.
     *
     * @param value the value read; null if the key was absent
     */
    public record Read(String value) implements Result {
    }

    /** Response to {@code PUT}: the write was applied. */
    public record Written() implements Result {
    }

    /**
     * Response to {@code CAS}.
     *
     * @param swapped      whether the value was replaced
     * @param currentKnown whether the server reported the value it compared against
     * @param current      that value (null: key absent); meaningful only if {@code currentKnown}
     */
    public record Swap(boolean swapped, boolean currentKnown, String current) implements Result {

        /** A swap response that does not report the value compared against. */
        public static Swap of(boolean swapped) {
            return new Swap(swapped, false, null);
        }

        /** A swap response that reports the value compared against. */
        public static Swap seeing(boolean swapped, String current) {
            return new Swap(swapped, true, current);
        }
    }

    public Op {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        if (kind == Kind.GET && (expected != null || value != null)) {
            throw new IllegalArgumentException("get takes no arguments");
        }
        if (kind == Kind.PUT && expected != null) {
            throw new IllegalArgumentException("put takes no expected value");
        }
        if (outcome == Outcome.UNKNOWN) {
            completeNanos = NEVER;
        }
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException(
                    "completes (" + completeNanos + ") before it is invoked (" + invokeNanos + ")");
        }
        if (outcome == Outcome.OK) {
            Objects.requireNonNull(result, "an OK operation needs a result");
            boolean matches = switch (kind) {
                case GET -> result instanceof Read;
                case PUT -> result instanceof Written;
                case CAS -> result instanceof Swap;
            };
            if (!matches) {
                throw new IllegalArgumentException(
                        kind + " cannot have a " + result.getClass().getSimpleName() + " result");
            }
        } else if (result != null) {
            throw new IllegalArgumentException(outcome + " operation cannot carry a result");
        }
    }

    /** A completed read that returned {@code read} (null: key absent). */
    public static Op get(int process, String key, long invoke, long complete, String read) {
        return new Op(process, key, Kind.GET, null, null, invoke, complete, Outcome.OK,
                new Read(read));
    }

    /** A completed unconditional write. */
    public static Op put(int process, String key, String value, long invoke, long complete) {
        return new Op(process, key, Kind.PUT, null, value, invoke, complete, Outcome.OK,
                new Written());
    }

    /** A completed compare-and-set whose response did not report the value compared against. */
    public static Op cas(int process, String key, String expected, String value,
                         long invoke, long complete, boolean swapped) {
        return new Op(process, key, Kind.CAS, expected, value, invoke, complete, Outcome.OK,
                Swap.of(swapped));
    }

    /** A completed compare-and-set whose response reported the value it compared against. */
    public static Op cas(int process, String key, String expected, String value,
                         long invoke, long complete, boolean swapped, String current) {
        return new Op(process, key, Kind.CAS, expected, value, invoke, complete, Outcome.OK,
                Swap.seeing(swapped, current));
    }

    /** The same invocation with no response: it may or may not have taken effect. */
    public Op unknown() {
        return new Op(process, key, kind, expected, value, invokeNanos, NEVER, Outcome.UNKNOWN,
                null);
    }

    /** The same invocation, known not to have taken effect; completes when this one does. */
    public Op failed() {
        return new Op(process, key, kind, expected, value, invokeNanos, completeNanos,
                Outcome.FAIL, null);
    }

    /**
     * A one-line description without key or times, e.g. {@code p3 cas("a", "b") -> swapped},
     * {@code p1 get -> "x"}, {@code p2 put(absent) -> ?}.
     */
    public String describe() {
        String call = switch (kind) {
            case GET -> "get";
            case PUT -> "put(" + quote(value) + ")";
            case CAS -> "cas(" + quote(expected) + ", " + quote(value) + ")";
        };
        String response = switch (outcome) {
            case FAIL -> "failed";
            case UNKNOWN -> "?";
            case OK -> describe(result);
        };
        return "p" + process + " " + call + " -> " + response;
    }

    private static String describe(Result result) {
        if (result instanceof Read read) {
            return quote(read.value());
        }
        if (result instanceof Swap swap) {
            String verb = swap.swapped() ? "swapped" : "not swapped";
            return swap.currentKnown() ? verb + ", saw " + quote(swap.current()) : verb;
        }
        return "ok";
    }

    /** A value as it appears in reports: quoted and escaped, or {@code absent} for null. */
    static String quote(String value) {
        if (value == null) {
            return "absent";
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
