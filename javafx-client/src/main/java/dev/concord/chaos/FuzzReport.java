package dev.concord.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concord.chaos.fuzz.FuzzInput;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run sent and how the node answered, by input category and answer class, with the
 * digest windows compared and every violation found.
 *
 * <p>Answer classes: {@code refused CODE} (a Failure), {@code refused per write} (every write of
 * the batch rejected before the log), {@code accepted} (something was logged), {@code read}
 * (a read answered), {@code error ...} (the RPC layer answered with an error or dropped the
 * connection), {@code long-poll} (an events query that may wait). Violations: no answer in
 * time, an unreadable or foreign reply, an INTERNAL failure (an input validation missed), a
 * digest that moved in a window of refused inputs, a valid write refused, the node gone.
 */
public record FuzzReport(long seed, int inputs, Map<String, Map<String, Integer>> answers, int windowsCompared,
                         int windowsSkipped, List<String> violations, int violationCount, double seconds) {
    private static final int MAX_VIOLATIONS = 20;

    public FuzzReport {
        answers = new TreeMap<>(answers);
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violationCount == 0;
    }

    public String toText() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "fuzz: %d inputs, seed %d, %.0f s; digest unchanged check on %d windows (%d skipped: an input was accepted)%n",
                inputs, seed, seconds, windowsCompared, windowsSkipped));
        answers.forEach((category, counts) -> out.append(String.format(Locale.ROOT, "  %-10s %s%n", category, counts)));
        violations.forEach(v -> out.append("  violation: ").append(v).append('\n'));
        out.append(passed() ? "verdict: PASS\n" : String.format(Locale.ROOT,
                "verdict: FAIL (%d violations; repeat with: bin/concord fuzz --inputs %d --seed %d)%n", violationCount, inputs, seed));
        return out.toString();
    }

    public ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("verdict", passed() ? "PASS" : "FAIL").put("seed", seed)
                .put("inputs", inputs).put("seconds", Math.round(seconds * 10) / 10.0)
                .put("windowsCompared", windowsCompared).put("windowsSkipped", windowsSkipped)
                .put("violationCount", violationCount);
        root.set("answers", m.valueToTree(answers));
        root.set("violations", m.valueToTree(violations));
        return root;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fuzz-report.txt"), toText());
        Files.writeString(dir.resolve("fuzz-report.json"), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(toJson()));
    }

    /** Collects answers and violations while the run goes on; thread-safe. */
    static final class Builder {
        private final long seed;
        private final int inputs;
        private final Map<String, Map<String, Integer>> answers = new TreeMap<>();
        private final List<String> violations = new ArrayList<>();
        private int violationCount;
        private int compared;
        private int skipped;

        Builder(long seed, int inputs) {
            this.seed = seed;
            this.inputs = inputs;
        }

        Window window(int index) {
            return new Window(this, index);
        }

        synchronized void violation(String what) {
            violationCount++;
            if (violations.size() < MAX_VIOLATIONS) {
                violations.add(what);
            }
        }

        synchronized void compared(boolean clean) {
            if (clean) {
                compared++;
            } else {
                skipped++;
            }
        }

        synchronized void count(String category, String answer) {
            answers.computeIfAbsent(category, k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
        }

        synchronized FuzzReport build(double seconds) {
            return new FuzzReport(seed, inputs, answers, compared, skipped, violations, violationCount, seconds);
        }
    }

    /** One window's inputs: classifies each answer and counts the accepted ones. */
    static final class Window {
        private final Builder builder;
        private final int index;
        private int accepted;
        private final List<String> unusual = new ArrayList<>();

        Window(Builder builder, int index) {
            this.builder = builder;
            this.index = index;
        }

        synchronized int accepted() {
            return accepted;
        }

        /** Inputs answered by an RPC error, for evidence when the digest moved. */
        synchronized List<String> unusual() {
            return List.copyOf(unusual);
        }

        void stuck(long count) {
            builder.violation("window " + index + ": " + count + " inputs got no answer and no error");
        }

        void record(FuzzInput input, Object reply, Throwable err) {
            String answer = classify(input, reply, err);
            builder.count(input.category(), answer);
            if (answer.startsWith("error") && unusual.size() < 5) {
                synchronized (this) {
                    unusual.add(input.describe() + ": " + answer + detail(reply, err));
                }
            }
            if (answer.equals("accepted")) {
                synchronized (this) {
                    accepted++;
                }
            } else if (answer.equals("timeout") || answer.startsWith("unreadable") || answer.startsWith("foreign")
                    || answer.equals("refused " + ErrorCode.INTERNAL)) {
                builder.violation(input.describe() + ": " + answer + detail(reply, err));
            }
        }

        private static String classify(FuzzInput input, Object reply, Throwable err) {
            if (err != null) {
                String what = err.getClass().getSimpleName() + " " + err.getMessage();
                if (what.toLowerCase(Locale.ROOT).contains("timeout")) {
                    return input.longPoll() ? "long-poll" : "timeout";
                }
                return "error " + err.getClass().getSimpleName();
            }
            if (!(reply instanceof Frames.ReplyFrame frame)) {
                return "foreign reply " + (reply == null ? "null" : reply.getClass().getName());
            }
            Response r;
            try {
                r = Codec.decode(frame.body, Response.class);
            } catch (ConcordException e) {
                return "unreadable reply";
            }
            if (r instanceof Response.Failure f) {
                return "refused " + f.code();
            }
            if (r instanceof Response.Results results) {
                boolean none = results.results().stream().allMatch(x -> x instanceof Result.Rejected rej && rej.index() == 0);
                return none ? "refused per write" : "accepted";
            }
            return "read";
        }

        private static String detail(Object reply, Throwable err) {
            if (err != null) {
                return " (" + err.getMessage() + ")";
            }
            if (reply instanceof Frames.ReplyFrame frame && frame.body != null) {
                String s = new String(frame.body, java.nio.charset.StandardCharsets.UTF_8);
                return " (" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + ")";
            }
            return "";
        }
    }
}
