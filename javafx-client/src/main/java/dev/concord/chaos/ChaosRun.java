package dev.concord.chaos;

import dev.concord.chaos.nemesis.Fault;
import dev.concord.chaos.nemesis.NemesisAction;
import dev.concord.chaos.nemesis.NemesisPlanner;
import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One chaos run, start to verdict:
 * <pre>
 *   create cluster (namespaces or loopback) ─ start nodes ─ wait for a leader
 *   clients run the workloads ┐
 *   nemesis injects faults    ┘ for --seconds
 *   heal all ─ clients go on for the recovery time ─ clients stop
 *   settle (every node applied the same index) ─ checks ─ report ─ cleanup (also on Ctrl-C)
 * </pre>
 */
public final class ChaosRun {
    /** Client deadline: a write retries through failovers this long, then fails with NO_QUORUM. */
    static final ClientOptions CLIENT = ClientOptions.defaults();
    private static final long SETTLE_MS = 60_000;

    private final ChaosOptions options;
    private final PrintStream log;

    public ChaosRun(ChaosOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** The workloads every client mixes, each step picking one at random. Documents, chat and files join here. */
    static List<Workload> workloads() {
        return List.of(new RegisterWorkload(8), new StreamWorkload(3));
    }

    public ChaosReport run() throws IOException, InterruptedException {
        long began = System.nanoTime();
        ChaosCluster cluster = ChaosCluster.create(options);
        AtomicBoolean cleaned = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (cleaned.compareAndSet(false, true)) {
                cluster.close();
            }
        }, "chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(cluster, began);
        } finally {
            if (cleaned.compareAndSet(false, true)) {
                cluster.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook does the cleanup (done above anyway)
            }
        }
    }

    private ChaosReport run(ChaosCluster cluster, long began) throws IOException, InterruptedException {
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        faults.addAll(options.faults());
        log.println("chaos: network: " + cluster.network());
        if (!cluster.partitionsAvailable() && faults.remove(Fault.PARTITION)) {
            log.println("chaos: partition nemesis disabled (see network above)");
        }
        for (int id : cluster.config().ids()) {
            cluster.start(id);
        }
        if (!DigestCheck.settle(cluster, 60_000)) {
            throw new ConcordException(ErrorCode.NO_QUORUM, "the chaos cluster elected no leader within 60 s;"
                    + " node 1's log ends: " + cluster.tail(1, 10));
        }
        List<Workload> workloads = workloads();
        List<ClusterClient> connections = new ArrayList<>();
        List<ChaosClient> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            ClusterClient c = ClusterClient.connect(cluster.nodes(), CLIENT);
            connections.add(c);
            clients.add(new ChaosClient(i, options.clients(), c, options.seed()));
        }
        long recoveryMs = options.failoverBoundMs() + 2_000;
        long origin = System.nanoTime();
        long faultEnd = origin + TimeUnit.SECONDS.toNanos(options.seconds());
        Nemesis nemesis = new Nemesis(cluster, faults.isEmpty() ? null
                : new NemesisPlanner(options.seed(), options.nodes(), faults, options.meanIntervalMs()),
                origin, faultEnd, log);
        ClientLoop load = new ClientLoop(clients, workloads, options.rate());
        try {
            return drive(cluster, faults, nemesis, load, workloads, origin, faultEnd, recoveryMs, began);
        } finally {
            connections.forEach(ClusterClient::close);
        }
    }

    private ChaosReport drive(ChaosCluster cluster, Set<Fault> faults, Nemesis nemesis, ClientLoop load,
                              List<Workload> workloads, long origin, long faultEnd, long recoveryMs, long began)
            throws IOException, InterruptedException {
        try {
            load.start();
            Thread nemesisThread = new Thread(nemesis, "nemesis");
            if (!faults.isEmpty()) {
                nemesisThread.start();
            }
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(faultEnd - System.nanoTime())));
            nemesisThread.join(120_000);
            if (nemesisThread.isAlive()) {
                nemesisThread.interrupt();
                nemesisThread.join(30_000);
            }
            nemesis.execute(new NemesisAction.HealAll());
            Thread.sleep(recoveryMs);
        } finally {
            load.stop(CLIENT.deadlineMs() + CLIENT.rpcTimeoutMs() + 10_000);
        }
        long clientsStopped = load.stoppedAt();
        log.println("chaos: faults over; waiting for the cluster to settle and checking");
        boolean settled = DigestCheck.settle(cluster, SETTLE_MS);
        Workload.Context context = new Workload.Context(cluster.nodes(), cluster.admin());
        List<CheckReport> checks = new ArrayList<>();
        for (Workload w : workloads) {
            checks.addAll(w.check(context));
        }
        checks.add(settled ? DigestCheck.check(cluster, 30_000) : DigestCheck.check(cluster, 1_000));
        List<OpRecord> all = new ArrayList<>();
        Map<String, List<OpRecord>> byWorkload = new LinkedHashMap<>();
        for (Workload w : workloads) {
            byWorkload.put(w.name(), w.records());
            all.addAll(w.records());
        }
        List<FaultEvent> events = nemesis.events();
        AvailabilityCheck availability = new AvailabilityCheck(TimeUnit.MILLISECONDS.toNanos(options.failoverBoundMs()),
                TimeUnit.MILLISECONDS.toNanos(CLIENT.deadlineMs() + CLIENT.rpcTimeoutMs() + 2_000));
        checks.add(availability.check(events, all, origin, clientsStopped));
        checks.addAll(load.problems());
        ChaosReport report = new ChaosReport(options, cluster.network(), events, byWorkload,
                AvailabilityCheck.writeGaps(events, all, clientsStopped,
                        TimeUnit.MILLISECONDS.toNanos(options.failoverBoundMs())), checks, origin, (System.nanoTime() - began) / 1e9);
        if (options.reportDir() != null) {
            report.write(options.reportDir());
            for (Workload w : workloads) {
                w.writeHistory(options.reportDir());
            }
            cluster.copyLogs(options.reportDir());
        }
        return report;
    }
}
