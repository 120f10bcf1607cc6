package dev.concord.client.cli;

import dev.concord.chaos.ChaosOptions;
import dev.concord.chaos.ChaosReport;
import dev.concord.chaos.ChaosRun;
import dev.concord.chaos.nemesis.Fault;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code concord chaos}: its own cluster, concurrent clients, a seeded nemesis, then checks (docs/reliability.md). */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Start a private cluster, run client workloads while injecting faults, heal, and check"
                + " linearizability, lost/doubled appends, equal state digests and availability.",
            "Exit status: 0 all checks passed, 1 a check failed (the seed is printed), 3 inconclusive."})
final class ChaosCommand implements Callable<Integer> {
    @ParentCommand
    Main main;
    @Option(names = "--nodes", defaultValue = "3", description = "3 or 5 (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--clients", defaultValue = "4", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--seconds", defaultValue = "60", description = "how long faults are injected (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--nemesis", defaultValue = "kill,pause,restart,partition,majority",
            description = "faults to inject, comma-separated (default ${DEFAULT-VALUE})")
    String nemesis;
    @Option(names = "--seed", description = "seed of the fault schedule and client choices (default: random, printed)")
    Long seed;
    @Option(names = "--report", paramLabel = "DIR", description = "write report.txt, report.json, histories and node logs here")
    Path report;
    @Option(names = "--rate", defaultValue = "100", description = "operations per second over all clients (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--interval-ms", defaultValue = "4000", description = "mean time between faults (default ${DEFAULT-VALUE})")
    long intervalMs;
    @Option(names = "--failover-bound-ms", defaultValue = "8000",
            description = "longest write gap allowed while a majority is up (default ${DEFAULT-VALUE})")
    long failoverBoundMs;
    @Option(names = "--no-netns", description = "run nodes on 127.0.0.1 (no partitions) even when namespaces work")
    boolean noNetns;

    @Override
    public Integer call() throws Exception {
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        ChaosOptions options = new ChaosOptions(nodes, clients, seconds, Fault.parse(nemesis), s, report, rate,
                intervalMs, failoverBoundMs, !noNetns, System.getProperty("concord.server.classpath"));
        main.ctx.err.println("chaos: seed " + s + " (repeat: " + options.command() + ")");
        ChaosReport result = new ChaosRun(options, main.ctx.err).run();
        main.ctx.out.print(result.summary());
        if (report != null) {
            main.ctx.err.println("chaos: report in " + report.toAbsolutePath());
        }
        return switch (result.verdict()) {
            case PASS -> 0;
            case FAIL -> 1;
            case INCONCLUSIVE -> 3;
        };
    }
}
