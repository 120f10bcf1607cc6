package dev.concord.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines history format: exact round trips and errors that point at the line. */
class HistoryJsonTest {

    private static List<Op> read(String text) throws IOException {
        return HistoryJson.read(new BufferedReader(new StringReader(text)), "history.jsonl");
    }

    // Whatever the simulator produces (every kind, outcome and result variant) survives a
    // write and a read unchanged, through a real file.
    @Test
    void roundTripsSimulatedHistories(@TempDir Path dir) throws IOException {
        for (long seed = 0; seed < 20; seed++) {
            List<Op> history = new SimulatedRegisters(4, 3, 200, 10, 10).generate(seed);
            Path file = dir.resolve("h" + seed + ".jsonl");
            HistoryJson.write(file, history);
            assertThat(HistoryJson.read(file)).as("seed %d", seed).isEqualTo(history);
        }
    }

    @Test
    void writesTheDocumentedFields() {
        assertThat(HistoryJson.toLine(Op.get(1, "k", 100, 250, "a"))).isEqualTo(
                "{\"process\":1,\"key\":\"k\",\"op\":\"get\",\"invoke\":100,\"complete\":250,"
                        + "\"outcome\":\"ok\",\"read\":\"a\"}");
        assertThat(HistoryJson.toLine(Op.cas(3, "k", null, "b", 120, 300, true, null)))
                .isEqualTo("{\"process\":3,\"key\":\"k\",\"op\":\"cas\",\"expected\":null,"
                        + "\"value\":\"b\",\"invoke\":120,\"complete\":300,\"outcome\":\"ok\","
                        + "\"swapped\":true,\"current\":null}");
        assertThat(HistoryJson.toLine(Op.put(2, "k", "c", 130, 140).unknown())).isEqualTo(
                "{\"process\":2,\"key\":\"k\",\"op\":\"put\",\"value\":\"c\",\"invoke\":130,"
                        + "\"outcome\":\"unknown\"}");
    }

    @Test
    void missingCurrentMeansNotReportedAndNullMeansAbsent() {
        String base = "{\"process\":1,\"key\":\"k\",\"op\":\"cas\",\"expected\":\"a\","
                + "\"value\":\"b\",\"invoke\":1,\"complete\":2,\"outcome\":\"ok\","
                + "\"swapped\":false";
        assertThat(HistoryJson.parseLine(base + "}").result()).isEqualTo(Op.Swap.of(false));
        assertThat(HistoryJson.parseLine(base + ",\"current\":null}").result())
                .isEqualTo(Op.Swap.seeing(false, null));
    }

    @Test
    void skipsBlankLinesAndIgnoresExtraFields() throws IOException {
        List<Op> ops = read("\n{\"process\":1,\"key\":\"k\",\"op\":\"PUT\",\"value\":\"a\","
                + "\"invoke\":1,\"complete\":2,\"outcome\":\"ok\",\"node\":\"n2\"}\n\n");
        assertThat(ops).containsExactly(Op.put(1, "k", "a", 1, 2));
    }

    @Test
    void unknownOperationIgnoresAnyCompletionTime() {
        Op op = HistoryJson.parseLine("{\"process\":1,\"key\":\"k\",\"op\":\"get\",\"invoke\":5,"
                + "\"complete\":9,\"outcome\":\"unknown\"}");
        assertThat(op.completeNanos()).isEqualTo(Op.NEVER);
    }

    @Test
    void errorsNameSourceLineAndField() {
        String good = "{\"process\":1,\"key\":\"k\",\"op\":\"get\",\"invoke\":1,\"complete\":2,"
                + "\"outcome\":\"ok\",\"read\":null}\n";
        assertError(good + "{\"process\":1,\"key\":\"k\",\"op\":\"get\",\"invoke\":1,"
                + "\"complete\":2,\"outcome\":\"ok\"}", 2, "missing field \"read\"");
        assertError(good + good + "{\"process\":1,\"key\":\"k\",\"op\":\"cas\",\"value\":\"b\","
                + "\"invoke\":1,\"complete\":2,\"outcome\":\"fail\"}", 3,
                "missing field \"expected\"");
        assertError("{\"process\":1,\"key\":\"k\",\"op\":\"delete\"}", 1,
                "\"op\" has unknown value \"delete\"");
        assertError("{\"process\":1.5}", 1, "\"process\" must be an integer");
        assertError("{\"process\":1,\"key\":\"k\",\"op\":\"put\",\"value\":\"a\",\"invoke\":9,"
                + "\"complete\":2,\"outcome\":\"ok\"}", 1, "completes (2) before it is invoked (9)");
        assertError("{\"process\":1,\"key\":\"k\",\"op\":\"cas\",\"expected\":\"a\",\"value\":"
                + "\"b\",\"invoke\":1,\"complete\":2,\"outcome\":\"ok\",\"swapped\":\"yes\"}", 1,
                "\"swapped\" must be true or false");
        assertError("{\"process\":1,\"key\":7}", 1, "\"key\" must be a string");
        assertError("[1,2]", 1, "expected a JSON object");
        assertError("{\"process\":", 1, "not JSON");
    }

    private static void assertError(String text, int line, String message) {
        assertThatThrownBy(() -> read(text))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith("history.jsonl:" + line + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((HistoryFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void writerLeavesStreamOpenAndEndsEveryLine() throws IOException {
        StringWriter out = new StringWriter();
        HistoryJson.write(out, List.of(Op.put(1, "k", "a", 1, 2), Op.get(2, "k", 3, 4, "a")));
        out.write("more");
        assertThat(out.toString().split("\n")).hasSize(3).endsWith("more");
    }

    @Test
    void readsWhatWasWrittenToDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.jsonl");
        Files.writeString(file, HistoryJson.toLine(Op.put(1, "ключ", "ü", 1, 2)) + "\n");
        assertThat(HistoryJson.read(file)).containsExactly(Op.put(1, "ключ", "ü", 1, 2));
    }
}
