package dev.concord.client.cli;

import picocli.CommandLine.Command;

/** {@code concord bench ...}: throughput and latency against the local cluster. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see docs/benchmarks.md).")
final class BenchCommand {
}
