package dev.concord.client.cli;

import java.util.Map;

/** Output shared by the benchmarks: one JSON object, or aligned "key: value" lines. */
final class Bench {
    private Bench() {
    }

    static void print(CliContext ctx, boolean json, Map<String, Object> result) {
        if (json) {
            ctx.printJson(result);
            return;
        }
        result.forEach((k, v) -> ctx.out.printf("%-12s %s%n", k + ":", v));
    }
}
