package dev.concord.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concord.chaos.check.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a chaos run did and found: faults injected, operations by outcome, write gaps per fault,
 * each check with its evidence, and the verdict with the command that repeats the schedule.
 *
 * @param ops         every operation, by workload name
 * @param writeGaps   per fault group, the sorted write gaps in ms
 * @param originNanos time zero of the timeline (when clients started)
 */
public record ChaosReport(ChaosOptions options, String network, List<FaultEvent> events,
                          Map<String, List<OpRecord>> ops, Map<String, List<Double>> writeGaps,
                          List<CheckReport> checks, long originNanos, double elapsedSeconds) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ChaosReport {
        events = List.copyOf(events);
        ops = new TreeMap<>(ops);
        writeGaps = new TreeMap<>(writeGaps);
        checks = List.copyOf(checks);
    }

    public CheckReport.Status verdict() {
        return CheckReport.combine(checks);
    }

    /** Faults injected per group (heals excluded). */
    public Map<String, Integer> faultCounts() {
        Map<String, Integer> out = new TreeMap<>();
        events.stream().filter(e -> !e.action().kind().equals("heal"))
                .forEach(e -> out.merge(AvailabilityCheck.label(e.action()), 1, Integer::sum));
        return out;
    }

    /** Per workload: ok / fail / unknown counts. */
    public Map<String, Map<String, Long>> outcomes() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        ops.forEach((workload, list) -> {
            Map<String, Long> counts = new TreeMap<>();
            for (Op.Outcome o : Op.Outcome.values()) {
                counts.put(o.name().toLowerCase(Locale.ROOT), 0L);
            }
            list.forEach(r -> counts.merge(r.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
            out.put(workload, counts);
        });
        return out;
    }

    /** The short form printed on stdout. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "chaos: %d nodes, %d clients, %d s, seed %d; %s%n", options.nodes(),
                options.clients(), options.seconds(), options.seed(), network));
        out.append("faults:     ").append(faultCounts().isEmpty() ? "none" : faultCounts()).append('\n');
        outcomes().forEach((w, c) -> out.append(String.format(Locale.ROOT, "%-11s %s%n", w + ":", c)));
        writeGaps.forEach((kind, gaps) -> out.append(String.format(Locale.ROOT, "gap %-18s n=%d p50 %.0f ms, max %.0f ms%n",
                kind + ":", gaps.size(), percentile(gaps, 0.5), percentile(gaps, 1.0))));
        for (CheckReport c : checks) {
            out.append(String.format(Locale.ROOT, "[%s] %s: %s%n", c.status(), c.name(), c.summary()));
        }
        out.append("verdict: ").append(verdict());
        if (verdict() != CheckReport.Status.PASS) {
            out.append(" (seed ").append(options.seed()).append("; repeat with: ").append(options.command()).append(')');
        }
        return out.append(String.format(Locale.ROOT, " in %.0f s%n", elapsedSeconds)).toString();
    }

    /** The full text report: the summary, the timeline, then every check's evidence. */
    public String toText() {
        StringBuilder out = new StringBuilder(summary()).append("\ntimeline (seconds after clients started):\n");
        for (FaultEvent e : events) {
            out.append(String.format(Locale.ROOT, "%8.1f %5.1fs  %s%s%s%n", (e.startNanos() - originNanos) / 1e9,
                    (e.endNanos() - e.startNanos()) / 1e9, e.action().describe(),
                    e.available() ? "" : "  [no majority]", e.error() == null ? "" : "  FAILED: " + e.error()));
        }
        for (CheckReport c : checks) {
            if (!c.evidence().isEmpty()) {
                out.append('\n').append(c.name()).append(":\n");
                c.evidence().forEach(line -> out.append("  ").append(line).append('\n'));
            }
        }
        return out.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("verdict", verdict().name());
        root.put("seed", options.seed());
        root.put("command", options.command());
        root.put("nodes", options.nodes());
        root.put("clients", options.clients());
        root.put("seconds", options.seconds());
        root.put("network", network);
        root.put("elapsedSeconds", Math.round(elapsedSeconds * 10) / 10.0);
        root.set("faults", MAPPER.valueToTree(faultCounts()));
        root.set("operations", MAPPER.valueToTree(outcomes()));
        ObjectNode gaps = root.putObject("writeGapsMs");
        writeGaps.forEach((kind, list) -> gaps.putObject(kind).put("count", list.size())
                .put("p50", Math.round(percentile(list, 0.5))).put("max", Math.round(percentile(list, 1.0))));
        ArrayNode checkArray = root.putArray("checks");
        for (CheckReport c : checks) {
            ObjectNode n = checkArray.addObject().put("name", c.name()).put("status", c.status().name())
                    .put("summary", c.summary());
            c.evidence().forEach(n.putArray("evidence")::add);
        }
        ArrayNode timeline = root.putArray("timeline");
        for (FaultEvent e : events) {
            ObjectNode n = timeline.addObject()
                    .put("at", Math.round((e.startNanos() - originNanos) / 1e6) / 1e3)
                    .put("took", Math.round((e.endNanos() - e.startNanos()) / 1e6) / 1e3)
                    .put("kind", e.action().kind()).put("action", e.action().describe())
                    .put("available", e.available());
            if (e.error() != null) {
                n.put("error", e.error());
            }
        }
        return root;
    }

    /** Writes report.txt and report.json into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.txt"), toText());
        Files.writeString(dir.resolve("report.json"), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()));
    }

    /** The q-quantile (nearest rank) of a sorted list; 0 when empty. */
    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
        return sorted.get(i);
    }
}
