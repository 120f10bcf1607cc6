package dev.concord.chaos;

import dev.concord.chaos.nemesis.ClusterModel;
import dev.concord.chaos.nemesis.NemesisAction;
import dev.concord.chaos.nemesis.NemesisPlanner;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Carries out a {@link NemesisPlanner}'s steps against a {@link ChaosCluster} and records each as
 * a {@link FaultEvent}. Runs on its own thread until the deadline; the runner then calls
 * {@link #execute} with {@link NemesisAction.HealAll} on its own thread.
 */
final class Nemesis implements Runnable {
    private static final long START_TIMEOUT_MS = 45_000;

    private final ChaosCluster cluster;
    private final NemesisPlanner planner;
    private final long endNanos;
    private final long originNanos;
    private final PrintStream log;
    private final ClusterModel model;
    private final List<FaultEvent> events = new ArrayList<>();

    Nemesis(ChaosCluster cluster, NemesisPlanner planner, long originNanos, long endNanos, PrintStream log) {
        this.cluster = cluster;
        this.planner = planner;
        this.originNanos = originNanos;
        this.endNanos = endNanos;
        this.log = log;
        this.model = new ClusterModel(cluster.nodes().size());
    }

    @Override
    public void run() {
        try {
            sleepUntil(System.nanoTime() + 2_000_000_000L, true); // a calm start: clients connect first
            while (System.nanoTime() - endNanos < 0) {
                NemesisPlanner.Step step = planner.next(cluster.leader());
                execute(step.action());
                sleepUntil(System.nanoTime() + step.waitMs() * 1_000_000L, !(step.action() instanceof NemesisAction.Majority));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps until {@code t}, or the run's end when {@code untilEnd} and it comes first. */
    private void sleepUntil(long t, boolean untilEnd) throws InterruptedException {
        long until = untilEnd && endNanos - t < 0 ? endNanos : t;
        long ms = (until - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Performs one action now and records it. */
    FaultEvent execute(NemesisAction action) throws InterruptedException {
        long start = System.nanoTime();
        String error = null;
        try {
            error = perform(action);
        } catch (IOException | RuntimeException e) {
            error = e.getMessage();
        }
        FaultEvent event;
        synchronized (this) {
            model.apply(action);
            event = new FaultEvent(action, start, System.nanoTime(), model.healthy(), model.available(), error);
            events.add(event);
        }
        log.printf(Locale.ROOT, "%7.1fs %s%s%s%n", (start - originNanos) / 1e9, action.describe(),
                event.available() ? "" : " [no majority]", error == null ? "" : " FAILED: " + error);
        return event;
    }

    synchronized List<FaultEvent> events() {
        return List.copyOf(events);
    }

    private String perform(NemesisAction action) throws IOException, InterruptedException {
        if (action instanceof NemesisAction.Kill k) {
            k.nodes().forEach(cluster::kill);
        } else if (action instanceof NemesisAction.Pause p) {
            return cluster.pause(p.node()) ? null : "node " + p.node() + " is not running";
        } else if (action instanceof NemesisAction.Bounce b) {
            cluster.stop(b.node());
            return start(List.of(b.node()));
        } else if (action instanceof NemesisAction.Partition p) {
            isolate(p.node(), p.direction());
        } else if (action instanceof NemesisAction.Majority m) {
            for (int id : m.nodes()) {
                switch (m.method()) {
                    case KILL -> cluster.kill(id);
                    case PAUSE -> cluster.pause(id);
                    case PARTITION -> isolate(id, NemesisAction.Direction.BOTH);
                }
            }
        } else if (action instanceof NemesisAction.Restart r) {
            return start(r.nodes());
        } else if (action instanceof NemesisAction.Resume r) {
            r.nodes().forEach(cluster::resume);
        } else if (action instanceof NemesisAction.HealNetwork) {
            cluster.healNetwork();
        } else if (action instanceof NemesisAction.HealAll) {
            List<Integer> paused;
            List<Integer> killed;
            synchronized (this) {
                paused = model.paused();
                killed = model.killed();
            }
            paused.forEach(cluster::resume);
            cluster.healNetwork();
            return start(killed);
        }
        return null;
    }

    private void isolate(int node, NemesisAction.Direction direction) throws IOException {
        for (int peer : cluster.config().ids()) {
            if (peer == node) {
                continue;
            }
            if (direction != NemesisAction.Direction.INBOUND) {
                cluster.cut(node, peer);
            }
            if (direction != NemesisAction.Direction.OUTBOUND) {
                cluster.cut(peer, node);
            }
        }
    }

    /** Starts nodes and waits until they answer; the event ends then, when they can vote again. */
    private String start(List<Integer> ids) throws IOException, InterruptedException {
        for (int id : ids) {
            cluster.start(id);
        }
        if (ids.isEmpty() || cluster.awaitAnswering(ids, START_TIMEOUT_MS)) {
            return null;
        }
        StringBuilder why = new StringBuilder("nodes " + ids + " did not answer within " + START_TIMEOUT_MS / 1000 + " s");
        for (int id : ids) {
            why.append("; node ").append(id).append(" log ends: ").append(cluster.tail(id, 3).replace('\n', ' '));
        }
        return why.toString();
    }
}
