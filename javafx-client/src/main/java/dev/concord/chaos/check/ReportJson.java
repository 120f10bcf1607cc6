package dev.concord.chaos.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link CheckResult} as JSON, for machine-readable chaos reports. Field names are the
 * record components'; operations appear in the history line format of {@link HistoryJson};
 * {@code reason} and {@code evidence} are present only for UNKNOWN and FAIL keys.
 *
 * <pre>
 * {"verdict":"FAIL","opCount":3,"originNanos":0,"elapsedNanos":81234,
 *  "keys":[{"key":"k","verdict":"FAIL","opCount":3,"steps":4,"elapsedNanos":5123,
 *           "evidence":{"opCount":3,
 *                       "prefix":[{"index":0,"op":{...},"stateAfter":"a"}],
 *                       "stateAfterPrefix":"a","deadlineIndex":2,
 *                       "candidates":[{"index":2,"op":{...},"legal":false,
 *                                      "reason":"read \"b\" but the register holds \"a\""}]}}]}
 * </pre>
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    /** The whole result as a JSON object. */
    public static ObjectNode toJson(CheckResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("verdict", result.verdict().name());
        node.put("opCount", result.opCount());
        node.put("originNanos", result.originNanos());
        node.put("elapsedNanos", result.elapsedNanos());
        ArrayNode keys = node.putArray("keys");
        for (KeyResult key : result.keys()) {
            keys.add(toJson(key));
        }
        return node;
    }

    /** One key's result as a JSON object. */
    public static ObjectNode toJson(KeyResult key) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("key", key.key());
        node.put("verdict", key.verdict().name());
        node.put("opCount", key.opCount());
        node.put("steps", key.steps());
        node.put("elapsedNanos", key.elapsedNanos());
        if (key.reason() != null) {
            node.put("reason", key.reason());
        }
        if (key.evidence() != null) {
            node.set("evidence", toJson(key.evidence()));
        }
        return node;
    }

    /** Failure evidence as a JSON object. */
    public static ObjectNode toJson(Evidence evidence) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("opCount", evidence.opCount());
        ArrayNode prefix = node.putArray("prefix");
        for (Evidence.Step step : evidence.prefix()) {
            ObjectNode item = prefix.addObject();
            item.put("index", step.index());
            item.set("op", HistoryJson.toNode(step.op()));
            item.put("stateAfter", step.stateAfter());
        }
        node.put("stateAfterPrefix", evidence.stateAfterPrefix());
        node.put("deadlineIndex", evidence.deadlineIndex());
        ArrayNode candidates = node.putArray("candidates");
        for (Evidence.Candidate candidate : evidence.candidates()) {
            ObjectNode item = candidates.addObject();
            item.put("index", candidate.index());
            item.set("op", HistoryJson.toNode(candidate.op()));
            item.put("legal", candidate.legal());
            item.put("reason", candidate.reason());
        }
        return node;
    }
}
