package dev.concord.chaos.nemesis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The seeded nemesis schedule: which fault or heal comes next, and how long to wait after it. Pure:
 * the same seed, options and sequence of observed leaders give the same steps, so a run's faults
 * can be replayed and the schedule is unit-tested without a cluster.
 *
 * <p>Invariants: outside a {@link NemesisAction.Majority} step at most a minority ({@code (n-1)/2})
 * of nodes is faulty at once, so the cluster must stay writable; a majority step is only taken
 * from a fault-free cluster and is always followed by {@link NemesisAction.HealAll}. Faults hit the
 * leader (when known and healthy) with probability {@link #LEADER_BIAS}.
 */
public final class NemesisPlanner {
    /** How often a fault targets the current leader rather than a random healthy node. */
    public static final double LEADER_BIAS = 0.6;
    /** How often a step heals (when something is broken and new faults are still allowed). */
    static final double HEAL_CHANCE = 0.4;
    /** How often a fault-free cluster loses its majority (when that fault is enabled). */
    static final double MAJORITY_CHANCE = 0.2;

    /** A planned step: do {@code action}, then wait {@code waitMs} before planning the next one. */
    public record Step(NemesisAction action, long waitMs) {
    }

    private final Random random;
    private final ClusterModel model;
    private final Set<Fault> faults;
    private final long minWaitMs;
    private final long maxWaitMs;

    /**
     * @param faults enabled faults; PARTITION must already be removed when the network cannot be cut
     * @param meanIntervalMs mean time between steps; each wait is uniform in [mean/2, 3*mean/2]
     */
    public NemesisPlanner(long seed, int nodes, Set<Fault> faults, long meanIntervalMs) {
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("no faults enabled; pass --nemesis with at least one of "
                    + "kill, pause, restart, partition, majority");
        }
        this.random = new Random(seed);
        this.model = new ClusterModel(nodes);
        this.faults = EnumSet.copyOf(faults);
        this.minWaitMs = Math.max(100, meanIntervalMs / 2);
        this.maxWaitMs = Math.max(minWaitMs + 1, meanIntervalMs * 3 / 2);
    }

    /** The model after every step planned so far. */
    public ClusterModel model() {
        return model;
    }

    /**
     * Plans the next step and applies it to the model.
     *
     * @param leader the node currently leading, or 0 when unknown
     */
    public Step next(int leader) {
        NemesisAction action = choose(leader);
        model.apply(action);
        long wait = action instanceof NemesisAction.Majority
                ? 3_000 + random.nextInt(3_001) // long enough for clients to hit their deadline
                : minWaitMs + (long) (random.nextDouble() * (maxWaitMs - minWaitMs));
        return new Step(action, wait);
    }

    private NemesisAction choose(int leader) {
        List<Integer> healthy = model.healthy();
        if (healthy.size() < model.quorum()) {
            return new NemesisAction.HealAll(); // only a majority step gets here
        }
        int budget = (model.size() - 1) / 2 - (model.size() - healthy.size());
        if (model.faulty() && (budget <= 0 || random.nextDouble() < HEAL_CHANCE || !canInject())) {
            return heal();
        }
        if (faults.contains(Fault.MAJORITY) && !model.faulty()
                && (random.nextDouble() < MAJORITY_CHANCE || !canInject())) {
            return majority(leader);
        }
        List<Fault> options = new ArrayList<>(faults);
        options.remove(Fault.MAJORITY);
        Fault fault = options.get(random.nextInt(options.size()));
        int target = target(leader, healthy);
        boolean hitsLeader = target == leader;
        return switch (fault) {
            case KILL -> kill(target, hitsLeader, healthy, budget);
            case PAUSE -> new NemesisAction.Pause(target, hitsLeader);
            case RESTART -> new NemesisAction.Bounce(target, hitsLeader);
            case PARTITION -> new NemesisAction.Partition(target,
                    NemesisAction.Direction.values()[random.nextInt(3)], hitsLeader);
            case MAJORITY -> throw new IllegalStateException("removed above");
        };
    }

    private boolean canInject() {
        return faults.stream().anyMatch(f -> f != Fault.MAJORITY);
    }

    private NemesisAction heal() {
        List<NemesisAction> heals = new ArrayList<>();
        if (!model.killed().isEmpty()) {
            heals.add(new NemesisAction.Restart(model.killed()));
        }
        if (!model.paused().isEmpty()) {
            heals.add(new NemesisAction.Resume(model.paused()));
        }
        if (!model.isolated().isEmpty()) {
            heals.add(new NemesisAction.HealNetwork());
        }
        return heals.get(random.nextInt(heals.size()));
    }

    /**
     * The leader with probability {@link #LEADER_BIAS} when it is healthy, else a random healthy node.
     * Both draws happen every time, so the observed leader changes which node is hit but never the
     * random sequence: the same seed always gives the same kinds of steps in the same order.
     */
    private int target(int leader, List<Integer> healthy) {
        boolean hitLeader = random.nextDouble() < LEADER_BIAS;
        int other = healthy.get(random.nextInt(healthy.size()));
        return hitLeader && healthy.contains(leader) ? leader : other;
    }

    private NemesisAction kill(int target, boolean hitsLeader, List<Integer> healthy, int budget) {
        List<Integer> nodes = new ArrayList<>(List.of(target));
        int count = 1 + random.nextInt(budget);
        List<Integer> others = new ArrayList<>(healthy);
        others.remove(Integer.valueOf(target));
        while (nodes.size() < count) {
            nodes.add(others.remove(random.nextInt(others.size())));
        }
        return new NemesisAction.Kill(nodes, hitsLeader);
    }

    private NemesisAction majority(int leader) {
        List<NemesisAction.Method> methods = new ArrayList<>(List.of(NemesisAction.Method.KILL, NemesisAction.Method.PAUSE));
        if (faults.contains(Fault.PARTITION)) {
            methods.add(NemesisAction.Method.PARTITION);
        }
        NemesisAction.Method method = methods.get(random.nextInt(methods.size()));
        List<Integer> all = new ArrayList<>(model.healthy());
        List<Integer> nodes = new ArrayList<>();
        if (random.nextDouble() < LEADER_BIAS && all.contains(leader)) {
            nodes.add(leader);
            all.remove(Integer.valueOf(leader));
        }
        // Picks from the rest; the number of draws depends on whether the leader was taken, so
        // draw a fixed quorum's worth and use what is needed (same random sequence either way).
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < model.quorum(); i++) {
            order.add(random.nextInt(model.size()));
        }
        for (int i = 0; nodes.size() < model.quorum(); i++) {
            nodes.add(all.remove(order.get(i) % all.size()));
        }
        return new NemesisAction.Majority(nodes, method);
    }
}
