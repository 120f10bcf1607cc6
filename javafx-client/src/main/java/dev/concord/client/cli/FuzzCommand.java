package dev.concord.client.cli;

import dev.concord.chaos.FuzzReport;
import dev.concord.chaos.FuzzRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code concord fuzz}: malformed and hostile requests at a live node (docs/reliability.md). */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Send random and mutated requests to a node; it must answer each with an error (or drop the"
                + " connection), stay up, and keep its state digest unchanged by refused input.",
            "Starts its own cluster unless --servers is given (then the leader among them is fuzzed)."})
final class FuzzCommand implements Callable<Integer> {
    @ParentCommand
    Main main;
    @Option(names = "--inputs", defaultValue = "20000", description = "requests to send (default ${DEFAULT-VALUE})")
    int inputs;
    @Option(names = "--seed", description = "seed of the inputs (default: random, printed)")
    Long seed;
    @Option(names = "--nodes", defaultValue = "1", description = "size of the own cluster: 1 or 3 (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--report", paramLabel = "DIR", description = "write fuzz-report.txt and fuzz-report.json here")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (nodes != 1 && nodes != 3) {
            throw new IllegalArgumentException("--nodes must be 1 or 3, got " + nodes);
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        boolean external = main.ctx.servers != null && !main.ctx.servers.isEmpty();
        if (external) {
            main.ctx.err.println("fuzz: against a running cluster; other clients' writes during the run show up"
                    + " as digest changes: fuzz an idle cluster");
        }
        FuzzRun.Options options = new FuzzRun.Options(inputs, s, nodes, external ? main.ctx.nodes() : null,
                System.getProperty("concord.server.classpath"));
        FuzzReport result = new FuzzRun(options, main.ctx.err).run();
        main.ctx.out.print(result.toText());
        if (report != null) {
            result.write(report);
        }
        return result.passed() ? 0 : 1;
    }
}
