package dev.concord.chaos.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes histories as JSON lines: one {@link Op} per line, in any order (the
 * checker orders by time). Blank lines are skipped. Fields a recorder adds for its own use
 * (for example {@code "node"}) are ignored on reading.
 *
 * <pre>
 * {"process":1,"key":"k","op":"get","invoke":100,"complete":250,"outcome":"ok","read":"a"}
 * {"process":2,"key":"k","op":"put","value":"a","invoke":90,"complete":200,"outcome":"ok"}
 * {"process":3,"key":"k","op":"cas","expected":"a","value":"b","invoke":120,"complete":300,
 *  "outcome":"ok","swapped":true,"current":"a"}
 * {"process":4,"key":"k","op":"cas","expected":null,"value":"c","invoke":130,"outcome":"unknown"}
 * </pre>
 *
 * <table>
 *   <caption>fields</caption>
 *   <tr><td>process</td><td>integer, required</td></tr>
 *   <tr><td>key</td><td>string, required</td></tr>
 *   <tr><td>op</td><td>{@code get | put | cas}, required</td></tr>
 *   <tr><td>expected</td><td>cas only, required; string, or null for "key absent"</td></tr>
 *   <tr><td>value</td><td>put and cas, required; string, or null for "remove"</td></tr>
 *   <tr><td>invoke</td><td>integer nanoseconds, required</td></tr>
 *   <tr><td>complete</td><td>integer nanoseconds; required for ok and fail, absent for
 *       unknown</td></tr>
 *   <tr><td>outcome</td><td>{@code ok | fail | unknown}, required</td></tr>
 *   <tr><td>read</td><td>ok get only, required; string, or null for "key absent"</td></tr>
 *   <tr><td>swapped</td><td>ok cas only, required; boolean</td></tr>
 *   <tr><td>current</td><td>ok cas only, optional: the value the server compared against
 *       (null: key absent). A missing field means "not reported", which differs from
 *       null.</td></tr>
 * </table>
 */
public final class HistoryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryJson() {
    }

    /** Reads every operation in {@code file}; errors name the file and line. */
    public static List<Op> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Reads every operation from {@code in}; {@code source} names the input in errors. */
    public static List<Op> read(BufferedReader in, String source) throws IOException {
        List<Op> ops = new ArrayList<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                ops.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(source, lineNumber, e.getMessage());
            }
        }
        return ops;
    }

    /** Writes {@code ops} to {@code file}, one per line, replacing its content. */
    public static void write(Path file, List<Op> ops) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, ops);
        }
    }

    /** Writes {@code ops} to {@code out}, one per line; does not close {@code out}. */
    public static void write(Writer out, List<Op> ops) throws IOException {
        for (Op op : ops) {
            out.write(toLine(op));
            out.write('\n');
        }
        out.flush();
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException naming the offending field, if the line is not a valid op
     */
    public static Op parseLine(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return fromNode(node);
    }

    /** Formats one operation as a single line of JSON, without the line break. */
    public static String toLine(Op op) {
        return toNode(op).toString();
    }

    /** The JSON object for one operation; reports reuse it so ops look the same everywhere. */
    public static ObjectNode toNode(Op op) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("process", op.process());
        node.put("key", op.key());
        node.put("op", op.kind().name().toLowerCase(Locale.ROOT));
        if (op.kind() == Op.Kind.CAS) {
            node.put("expected", op.expected());
        }
        if (op.kind() != Op.Kind.GET) {
            node.put("value", op.value());
        }
        node.put("invoke", op.invokeNanos());
        if (op.outcome() != Op.Outcome.UNKNOWN) {
            node.put("complete", op.completeNanos());
        }
        node.put("outcome", op.outcome().name().toLowerCase(Locale.ROOT));
        if (op.result() instanceof Op.Read read) {
            node.put("read", read.value());
        } else if (op.result() instanceof Op.Swap swap) {
            node.put("swapped", swap.swapped());
            if (swap.currentKnown()) {
                node.put("current", swap.current());
            }
        }
        return node;
    }

    private static Op fromNode(JsonNode node) {
        int process = (int) integer(node, "process", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String key = text(node, "key", false);
        Op.Kind kind = choice(node, "op", Op.Kind.class);
        Op.Outcome outcome = choice(node, "outcome", Op.Outcome.class);
        String expected = kind == Op.Kind.CAS ? text(node, "expected", true) : null;
        String value = kind == Op.Kind.GET ? null : text(node, "value", true);
        long invoke = integer(node, "invoke", Long.MIN_VALUE, Long.MAX_VALUE);
        long complete = outcome == Op.Outcome.UNKNOWN
                ? Op.NEVER
                : integer(node, "complete", Long.MIN_VALUE, Long.MAX_VALUE);
        Op.Result result = outcome == Op.Outcome.OK ? result(node, kind) : null;
        return new Op(process, key, kind, expected, value, invoke, complete, outcome, result);
    }

    private static Op.Result result(JsonNode node, Op.Kind kind) {
        return switch (kind) {
            case GET -> new Op.Read(text(node, "read", true));
            case PUT -> new Op.Written();
            case CAS -> {
                JsonNode swapped = require(node, "swapped");
                if (!swapped.isBoolean()) {
                    throw new IllegalArgumentException("\"swapped\" must be true or false");
                }
                yield node.has("current")
                        ? Op.Swap.seeing(swapped.booleanValue(), text(node, "current", true))
                        : Op.Swap.of(swapped.booleanValue());
            }
        };
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field, boolean nullable) {
        JsonNode value = require(node, field);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string"
                    + (nullable ? " or null" : ""));
        }
        return value.textValue();
    }

    private static long integer(JsonNode node, String field, long min, long max) {
        JsonNode value = require(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < min || value.longValue() > max) {
            throw new IllegalArgumentException("\"" + field + "\" must be an integer in ["
                    + min + ", " + max + "]");
        }
        return value.longValue();
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String field, Class<E> type) {
        String text = text(node, field, false);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("\"" + field + "\" has unknown value \"" + text + "\"");
    }
}
