package dev.concord.chaos;

import dev.concord.chaos.check.Op;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Judges stream appends against what every node holds (pure, apart from {@link #readAll}). */
final class StreamCheck {
    private static final int MAX_EVIDENCE = 12;

    private StreamCheck() {
    }

    /** Every record of each stream as one node holds it, in offset order; a read that fails twice is an error. */
    static Map<String, List<String>> readAll(ClusterClient admin, NodeAddress node, List<String> streams)
            throws InterruptedException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String stream : streams) {
            List<String> texts = new ArrayList<>();
            long from = 0;
            int failures = 0;
            while (true) {
                Response r;
                try {
                    r = admin.ask(node, new Query.StreamRead(stream, from, 10_000), 10_000).get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    r = new Response.Failure(ErrorCode.UNAVAILABLE, String.valueOf(e.getCause()), null);
                }
                if (!(r instanceof Response.Records page)) {
                    if (++failures >= 3) {
                        throw new ConcordException(ErrorCode.UNAVAILABLE, "stream " + stream + " unreadable: " + r);
                    }
                    Thread.sleep(1_000);
                    continue;
                }
                page.records().stream().map(StreamRecord::text).forEach(texts::add);
                if (page.records().isEmpty() || page.next() >= page.size()) {
                    break;
                }
                from = page.next();
            }
            out.put(stream, texts);
        }
        return out;
    }

    /**
     * Fails on: an acknowledged append missing from a node or at another offset than acknowledged;
     * any record twice; a definitely failed append present; a record no client appended; two
     * acknowledged appends of one client in a stream in the opposite order of their acknowledgements.
     */
    static CheckReport judge(String name, List<StreamWorkload.Append> appends, Map<Integer, Map<String, List<String>>> byNode) {
        Map<String, StreamWorkload.Append> byText = new HashMap<>();
        for (StreamWorkload.Append a : appends) {
            byText.put(a.stream() + "/" + a.text(), a);
        }
        List<String> evidence = new ArrayList<>();
        long[] counts = new long[6]; // lost, doubled, resurrected, phantom, misplaced, reordered
        long acked = appends.stream().filter(a -> a.outcome() == Op.Outcome.OK).count();
        java.util.Set<String> unknownFound = new java.util.HashSet<>();
        for (var node : byNode.entrySet()) {
            int id = node.getKey();
            for (var stream : node.getValue().entrySet()) {
                List<String> texts = stream.getValue();
                Map<String, Integer> firstAt = new HashMap<>();
                for (int offset = 0; offset < texts.size(); offset++) {
                    String text = texts.get(offset);
                    Integer before = firstAt.putIfAbsent(text, offset);
                    if (before != null) {
                        counts[1]++;
                        note(evidence, "node " + id + " " + stream.getKey() + ": \"" + text + "\" at offsets " + before + " and " + offset);
                    }
                    StreamWorkload.Append a = byText.get(stream.getKey() + "/" + text);
                    if (a == null) {
                        counts[3]++;
                        note(evidence, "node " + id + " " + stream.getKey() + ": \"" + text + "\" at " + offset + " was never appended");
                    } else if (a.outcome() == Op.Outcome.FAIL) {
                        counts[2]++;
                        note(evidence, "node " + id + " " + stream.getKey() + ": \"" + text + "\" at " + offset
                                + " but its append failed (" + a.error() + ")");
                    } else if (a.outcome() == Op.Outcome.UNKNOWN) {
                        unknownFound.add(stream.getKey() + "/" + text);
                    }
                }
                long lastOffset = -1;
                StreamWorkload.Append last = null;
                for (StreamWorkload.Append a : appends) {
                    if (!a.stream().equals(stream.getKey()) || a.outcome() != Op.Outcome.OK) {
                        continue;
                    }
                    if (!firstAt.containsKey(a.text())) {
                        counts[0]++;
                        note(evidence, "node " + id + " " + a.stream() + ": acknowledged \"" + a.text() + "\" (offset "
                                + a.offset() + ") is missing");
                    } else if (firstAt.get(a.text()) != a.offset()) {
                        counts[4]++;
                        note(evidence, "node " + id + " " + a.stream() + ": \"" + a.text() + "\" acknowledged at offset "
                                + a.offset() + " but found at " + firstAt.get(a.text()));
                    }
                }
                Map<Integer, Long> lastByClient = new HashMap<>();
                for (StreamWorkload.Append a : appends) {
                    Integer at = firstAt.get(a.text());
                    if (!a.stream().equals(stream.getKey()) || a.outcome() != Op.Outcome.OK || at == null) {
                        continue;
                    }
                    Long prev = lastByClient.put(a.client(), (long) at);
                    if (prev != null && prev > at) {
                        counts[5]++;
                        note(evidence, "node " + id + " " + a.stream() + ": client " + a.client() + "'s \"" + a.text()
                                + "\" at " + at + " precedes its earlier acknowledged append at " + prev);
                    }
                }
            }
        }
        long violations = counts[0] + counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
        long unknown = appends.stream().filter(a -> a.outcome() == Op.Outcome.UNKNOWN).count();
        String summary = String.format("%d acknowledged appends on %d nodes: %d lost, %d doubled, %d failed-but-present,"
                        + " %d phantom, %d misplaced, %d reordered; %d of %d unknown-outcome appends took effect",
                acked, byNode.size(), counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], unknownFound.size(), unknown);
        return new CheckReport(name, violations == 0 ? CheckReport.Status.PASS : CheckReport.Status.FAIL, summary,
                violations == 0 ? List.of() : evidence);
    }

    private static void note(List<String> evidence, String line) {
        if (evidence.size() < MAX_EVIDENCE) {
            evidence.add(line);
        } else if (evidence.size() == MAX_EVIDENCE) {
            evidence.add("... (more omitted; see history-streams.jsonl)");
        }
    }
}
