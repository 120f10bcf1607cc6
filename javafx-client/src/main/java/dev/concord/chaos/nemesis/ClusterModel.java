package dev.concord.chaos.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the nemesis has done to each node: killed, paused, or cut off from its peers. A node is
 * healthy when it is none of these; the cluster can serve writes when a majority is healthy
 * (healthy nodes are all connected to each other, because a partition always isolates one node
 * from every peer).
 */
public final class ClusterModel {
    private final int size;
    private final TreeSet<Integer> killed = new TreeSet<>();
    private final TreeSet<Integer> paused = new TreeSet<>();
    private final TreeMap<Integer, NemesisAction.Direction> isolated = new TreeMap<>();

    public ClusterModel(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Nodes needed for a majority. */
    public int quorum() {
        return size / 2 + 1;
    }

    /** Changes the model as {@code action} changes the cluster. */
    public void apply(NemesisAction action) {
        if (action instanceof NemesisAction.Kill k) {
            killed.addAll(k.nodes());
        } else if (action instanceof NemesisAction.Pause p) {
            paused.add(p.node());
        } else if (action instanceof NemesisAction.Partition p) {
            isolated.put(p.node(), p.direction());
        } else if (action instanceof NemesisAction.Majority m) {
            for (int id : m.nodes()) {
                switch (m.method()) {
                    case KILL -> killed.add(id);
                    case PAUSE -> paused.add(id);
                    case PARTITION -> isolated.put(id, NemesisAction.Direction.BOTH);
                }
            }
        } else if (action instanceof NemesisAction.Restart r) {
            r.nodes().forEach(killed::remove);
        } else if (action instanceof NemesisAction.Resume r) {
            r.nodes().forEach(paused::remove);
        } else if (action instanceof NemesisAction.HealNetwork) {
            isolated.clear();
        } else if (action instanceof NemesisAction.HealAll) {
            killed.clear();
            paused.clear();
            isolated.clear();
        }
    }

    public List<Integer> killed() {
        return List.copyOf(killed);
    }

    public List<Integer> paused() {
        return List.copyOf(paused);
    }

    /** Isolated nodes and how, in node order. */
    public TreeMap<Integer, NemesisAction.Direction> isolated() {
        return new TreeMap<>(isolated);
    }

    /** Nodes neither killed, paused nor isolated, ascending. */
    public List<Integer> healthy() {
        List<Integer> out = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            if (!killed.contains(id) && !paused.contains(id) && !isolated.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Whether a majority is up and connected, so writes must succeed within the failover bound. */
    public boolean available() {
        return healthy().size() >= quorum();
    }

    /** Whether any fault is in place. */
    public boolean faulty() {
        return healthy().size() < size;
    }
}
