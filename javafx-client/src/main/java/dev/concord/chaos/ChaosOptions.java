package dev.concord.chaos;

import dev.concord.chaos.nemesis.Fault;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Everything that shapes a chaos run. Runs with equal options and seed inject the same kinds of
 * faults in the same order; timing, and so the exact operations, still vary from run to run.
 *
 * @param nodes            cluster size (3 or 5)
 * @param clients          concurrent clients
 * @param seconds          how long faults are injected
 * @param faults           which faults the nemesis may inject
 * @param seed             seeds the nemesis schedule and the clients' choices
 * @param reportDir        where report.txt, report.json and the histories go; null: none
 * @param rate             operations per second over all clients (throttled, so histories stay checkable)
 * @param meanIntervalMs   mean time between nemesis steps
 * @param failoverBoundMs  longest write gap allowed while a majority is up and connected
 * @param useNamespaces    try network namespaces (needed for partitions)
 * @param serverClasspath  the node JVMs' class path; null: this JVM's
 */
public record ChaosOptions(int nodes, int clients, int seconds, Set<Fault> faults, long seed, Path reportDir,
                           int rate, long meanIntervalMs, long failoverBoundMs, boolean useNamespaces,
                           String serverClasspath) {

    public ChaosOptions {
        if (nodes != 3 && nodes != 5) {
            throw new IllegalArgumentException("--nodes must be 3 or 5, got " + nodes);
        }
        if (clients < 1 || clients > 64) {
            throw new IllegalArgumentException("--clients must be 1..64, got " + clients);
        }
        if (seconds < 5) {
            throw new IllegalArgumentException("--seconds must be at least 5 (a few nemesis steps), got " + seconds);
        }
        if (rate < 1) {
            throw new IllegalArgumentException("--rate must be at least 1 operation per second");
        }
        faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    }

    /** The command line that repeats this run's schedule. */
    public String command() {
        StringJoiner nemesis = new StringJoiner(",");
        faults.forEach(f -> nemesis.add(f.label()));
        return "bin/concord chaos --nodes " + nodes + " --clients " + clients + " --seconds " + seconds
                + " --nemesis " + nemesis + " --seed " + seed + " --rate " + rate
                + " --interval-ms " + meanIntervalMs + " --failover-bound-ms " + failoverBoundMs
                + (useNamespaces ? "" : " --no-netns");
    }
}
