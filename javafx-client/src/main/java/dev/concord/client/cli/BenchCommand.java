package dev.concord.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code concord bench ...}: throughput and latency against the local cluster. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see docs/benchmarks.md).",
        subcommands = {BenchAppend.class, BenchFailover.class, EditBenchCommand.class, ChatBench.class, BenchFile.class})
final class BenchCommand {
    @ParentCommand
    Main main;
}
