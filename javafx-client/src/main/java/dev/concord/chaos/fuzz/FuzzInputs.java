package dev.concord.chaos.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.ReadRequest;
import dev.concord.protocol.Write;
import dev.concord.protocol.WriteBatch;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of hostile requests: the same seed gives the same inputs in the same order.
 * Categories: garbage bytes, truncated and byte-mutated valid requests, valid envelopes with
 * missing, extra or mistyped fields, invalid values (names, sizes, seqs, client ids), wrong
 * protocol versions, oversized frames, and objects the node has no processor or class for.
 *
 * <p>Events queries are generated with {@code waitMs = 0} and no mutation enlarges a wait, so a
 * correct node answers every input at once; an input that may legitimately wait is marked.
 */
public final class FuzzInputs {
    /** A class only the fuzzer has: the node cannot route it to a processor or even load it. */
    public static final class Stray implements Serializable {
        private static final long serialVersionUID = 1L;
        public String payload;
        public long[] numbers;
    }

    private static final ObjectMapper JSON = Codec.mapper();
    private static final String[] CATEGORIES = {"garbage", "truncated", "mutated", "fields", "values",
        "protocol", "stray", "huge"};

    private final Random random;
    private int index;

    public FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    public FuzzInput next() {
        int i = index++;
        int roll = random.nextInt(1000);
        // Rough weights: huge frames are slow (4 MB each), so they are rare.
        String category = roll < 1 ? "huge" : CATEGORIES[roll % (CATEGORIES.length - 1)];
        boolean write = random.nextBoolean();
        return switch (category) {
            case "garbage" -> frame(i, category, write, bytes(random.nextInt(600)));
            case "truncated" -> {
                byte[] valid = validBody(write);
                yield frame(i, category, write, java.util.Arrays.copyOf(valid, random.nextInt(valid.length)));
            }
            case "mutated" -> frame(i, category, write, mutate(validBody(write)));
            case "fields" -> frame(i, category, write, encode(fields(tree(write))));
            case "values" -> frame(i, category, write, write ? badWrite() : badRead());
            case "protocol" -> {
                ObjectNode t = tree(write);
                long[] versions = {0, Limits.PROTOCOL + 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE};
                t.put("protocol", versions[random.nextInt(versions.length)]);
                yield frame(i, category, write, encode(t));
            }
            case "stray" -> new FuzzInput(i, category, stray(), false);
            default -> frame(i, category, write, bytes(Limits.MAX_FRAME_BYTES + 1 + random.nextInt(64)));
        };
    }

    private FuzzInput frame(int i, String category, boolean write, byte[] body) {
        Object request = write ? new Frames.WriteFrame(body) : new Frames.ReadFrame(body);
        return new FuzzInput(i, category, request, !write && mayWait(body));
    }

    /** A read body that parses as an events query with a positive wait may be held back. */
    private static boolean mayWait(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.contains("events") && s.contains("waitMs") && !s.matches("(?s).*\"waitMs\"\\s*:\\s*0\\s*[,}].*");
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] validBody(boolean write) {
        return encode(tree(write));
    }

    private ObjectNode tree(boolean write) {
        Object value;
        if (write) {
            Write op = random.nextBoolean()
                    ? new Write.StreamAppend("fz" + random.nextInt(3), "t" + random.nextInt(1000))
                    : new Write.Cas("fk" + random.nextInt(3), random.nextBoolean() ? null : "a", "b" + random.nextInt(9));
            value = new WriteBatch(Limits.PROTOCOL, List.of(new ClientWrite("fuzz", 1 + random.nextInt(1000), op)));
        } else {
            Query[] queries = {new Query.Get("fk1"), new Query.StreamRead("fz1", random.nextInt(5), 1 + random.nextInt(50)),
                new Query.Events(random.nextInt(10), 10, 0), new Query.Status(), new Query.Digest()};
            value = new ReadRequest(Limits.PROTOCOL, queries[random.nextInt(queries.length)]);
        }
        return (ObjectNode) JSON.valueToTree(value);
    }

    private static byte[] encode(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mutate(byte[] body) {
        List<Byte> b = new ArrayList<>();
        for (byte x : body) {
            b.add(x);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = random.nextInt(b.size());
            switch (random.nextInt(3)) {
                case 0 -> b.set(at, (byte) (b.get(at) ^ (1 << random.nextInt(8))));
                case 1 -> b.add(at, (byte) random.nextInt(256));
                default -> b.remove(at);
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    /** Removes, adds or retypes one field somewhere in the tree (never enlarging a wait). */
    private JsonNode fields(ObjectNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (random.nextInt(4)) {
            case 0 -> target.remove(name);
            case 1 -> target.put("unexpected" + random.nextInt(3), "surprise");
            case 2 -> {
                JsonNode[] wrong = {f.nullNode(), f.textNode("12"), f.numberNode(1.5), f.booleanNode(true),
                    f.arrayNode().add(1), f.objectNode(), f.numberNode(-1), f.textNode("")};
                target.set(name, wrong[random.nextInt(wrong.length)]);
            }
            default -> {
                if (!name.equals("waitMs")) {
                    target.set(name, random.nextBoolean() ? f.numberNode(Long.MAX_VALUE)
                            : f.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
                }
            }
        }
        if (random.nextInt(8) == 0) {
            target.put("type", "launch-" + random.nextInt(3));
        }
        return root;
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), out);
        }
    }

    private byte[] badWrite() {
        String[] names = {"", "a\u0007b", "x".repeat(Limits.MAX_NAME_CHARS + 1), "\ud800", "ok"};
        String name = names[random.nextInt(names.length)];
        int count = random.nextInt(10) == 0 ? (random.nextBoolean() ? 0 : Limits.MAX_BATCH_WRITES + 1) : 1;
        // An over-long value only alone: 4097 of them would be a 270 MB request that tests the client, not the node.
        String text = count == 1 && random.nextInt(4) == 0 ? "y".repeat(Limits.MAX_VALUE_CHARS + 1) : "t";
        String[] clients = {"", "bad id", "c".repeat(65), "fuzz\n", "fuzz"};
        long[] seqs = {0, -1, Long.MIN_VALUE, 1};
        Write op = switch (random.nextInt(3)) {
            case 0 -> new Write.StreamAppend(name, text);
            case 1 -> new Write.Cas(name, random.nextBoolean() ? "" : null, random.nextBoolean() ? "" : text);
            default -> new Write.StreamAppend(name, null);
        };
        List<ClientWrite> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            writes.add(new ClientWrite(clients[random.nextInt(clients.length)], seqs[random.nextInt(seqs.length)], op));
        }
        ObjectNode t = (ObjectNode) JSON.valueToTree(new HashMap<>(java.util.Map.of("protocol", Limits.PROTOCOL)));
        ArrayNode arr = t.putArray("writes");
        for (ClientWrite w : writes) {
            arr.add(JSON.valueToTree(w));
        }
        return encode(t);
    }

    private byte[] badRead() {
        Query[] queries = {new Query.Get(""), new Query.Get("k\u0000"), new Query.StreamRead("s", -5, 10),
            new Query.StreamRead("s", 0, -1), new Query.StreamRead("s", Long.MAX_VALUE, Integer.MAX_VALUE),
            new Query.StreamRead("x".repeat(Limits.MAX_NAME_CHARS + 1), 0, 1), new Query.Events(-10, -1, 0),
            new Query.Events(Long.MAX_VALUE, Integer.MAX_VALUE, 0)};
        return Codec.encode(new ReadRequest(Limits.PROTOCOL, queries[random.nextInt(queries.length)]));
    }

    private Object stray() {
        return switch (random.nextInt(5)) {
            case 0 -> {
                Stray s = new Stray();
                s.payload = "stray";
                s.numbers = new long[] {1, 2, 3};
                yield s;
            }
            case 1 -> new Frames.ReplyFrame(bytes(16));
            case 2 -> new Frames.WriteFrame(null);
            case 3 -> new Frames.ReadFrame(null);
            default -> new HashMap<>(java.util.Map.of("body", "x"));
        };
    }
}
