package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Differential test against ot.js, the reference implementation: random valid operations
 * (with surrogate pairs and empty documents) go to {@code src/test/node/otjs-oracle.js} in one
 * batch, and every transform, compose, apply and invert result must be identical, component for
 * component. In particular this pins the tie-break: {@code transform(a, b)} puts {@code a}'s
 * insert first in both implementations.
 *
 * <p>Inputs are restricted to what both accept: ot.js happily splits surrogate pairs, which
 * this implementation refuses, so every generated operation is valid for its document.
 *
 * <p>Skipped, with instructions, when node or the ot package is not installed.
 */
class OtJsDifferentialTest {

    private static final long SEED = 20240611L;
    private static final int CASES_PER_KIND = 2_500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agreesWithOtJs() throws Exception {
        Path nodeDir = Path.of(System.getProperty("basedir", "."), "src", "test", "node");
        Optional<Path> node = findNode();
        assumeTrue(node.isPresent(), "node is not on the PATH; install Node.js to run the ot.js differential test");
        assumeTrue(Files.isDirectory(nodeDir.resolve("node_modules/ot")),
                "ot.js is not installed; run `npm ci --prefix shared/src/test/node` to enable this test");

        Random r = new Random(SEED);
        List<ObjectNode> requests = new ArrayList<>();
        List<JsonNode> expected = new ArrayList<>();
        tieCase(requests, expected);
        for (int i = 0; i < CASES_PER_KIND; i++) {
            String doc = Gen.doc(r);
            TextOperation a = Gen.op(r, doc);
            TextOperation b = Gen.op(r, doc);
            TextOperation.Pair p = TextOperation.transform(a, b);
            requests.add(request("transform", a).set("b", wire(b)));
            expected.add(JSON.createObjectNode().<ObjectNode>set("a", wire(p.aPrime())).set("b", wire(p.bPrime())));

            TextOperation next = Gen.op(r, a.apply(doc));
            requests.add(request("compose", a).set("b", wire(next)));
            expected.add(result(wire(a.compose(next))));

            requests.add(request("apply", a).put("doc", doc));
            expected.add(result(JSON.getNodeFactory().textNode(a.apply(doc))));

            requests.add(request("invert", a).put("doc", doc));
            expected.add(result(wire(a.invert(doc))));
        }

        List<JsonNode> answers = runOracle(node.get(), nodeDir, requests);
        assertThat(answers).hasSameSizeAs(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertThat(answers.get(i))
                    .as("case %d (seed %d): ot.js answered %s to %s", i, SEED, answers.get(i), requests.get(i))
                    .isEqualTo(expected.get(i));
        }
    }

    /** The documented tie-break, spelled out: both insert at 1 of "ab", a's "C" comes first. */
    private static void tieCase(List<ObjectNode> requests, List<JsonNode> expected) {
        TextOperation a = TextOperation.fromJson("[1,\"C\",1]");
        TextOperation b = TextOperation.fromJson("[1,\"I\",1]");
        TextOperation.Pair p = TextOperation.transform(a, b);
        assertThat(p.bPrime().apply(a.apply("ab"))).isEqualTo("aCIb");
        requests.add(request("transform", a).set("b", wire(b)));
        expected.add(JSON.createObjectNode().<ObjectNode>set("a", wire(p.aPrime())).set("b", wire(p.bPrime())));
    }

    private static ObjectNode request(String kind, TextOperation a) {
        return JSON.createObjectNode().put("kind", kind).set("a", wire(a));
    }

    private static JsonNode wire(TextOperation op) {
        return JSON.valueToTree(op.toWire());
    }

    private static JsonNode result(JsonNode value) {
        return JSON.createObjectNode().set("result", value);
    }

    private static List<JsonNode> runOracle(Path node, Path dir, List<ObjectNode> requests)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.toString(), "otjs-oracle.js")
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // The oracle reads all of stdin before writing, so writing first cannot deadlock.
        try (OutputStream in = process.getOutputStream()) {
            for (ObjectNode request : requests) {
                in.write(JSON.writeValueAsBytes(request));
                in.write('\n');
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("oracle finished").isTrue();
        assertThat(process.exitValue()).as("oracle exit code").isZero();
        List<JsonNode> answers = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readTree(line));
            }
        }
        return answers;
    }

    private static Optional<Path> findNode() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/local/bin");
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "node"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
