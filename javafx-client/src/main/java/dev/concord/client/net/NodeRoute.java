package dev.concord.client.net;

import dev.concord.config.NodeAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which node to talk to: the leader when known, else the next node round-robin. A node that just
 * refused a connection is "suspect" for a while and its name in redirect hints is ignored, because
 * followers keep naming a dead leader for about one election timeout.
 */
final class NodeRoute {
    private static final long SUSPECT_MS = 1_500;

    private final List<NodeAddress> nodes;
    private final long[] suspectUntil;
    private volatile int leader = -1;
    private int next;

    NodeRoute(List<NodeAddress> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no nodes to connect to");
        }
        this.nodes = List.copyOf(nodes);
        this.suspectUntil = new long[nodes.size()];
        this.next = ThreadLocalRandom.current().nextInt(nodes.size());
    }

    List<NodeAddress> nodes() {
        return nodes;
    }

    /** The node believed to lead, or the next candidate to probe. */
    synchronized NodeAddress target() {
        if (leader >= 0) {
            return nodes.get(leader);
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < nodes.size(); i++) {
            int n = (next + i) % nodes.size();
            if (suspectUntil[n] <= now) {
                next = (n + 1) % nodes.size();
                return nodes.get(n);
            }
        }
        next = (next + 1) % nodes.size();
        return nodes.get(next);
    }

    /** A sticky node for reads, chosen at random once so that many clients spread their reads. */
    NodeAddress any(int salt) {
        return nodes.get(Math.floorMod(salt, nodes.size()));
    }

    synchronized void confirmed(NodeAddress n) {
        leader = nodes.indexOf(n);
    }

    /** Follows a NOT_LEADER hint; returns false when the hint is unknown, suspect or the same node. */
    synchronized boolean redirect(String hint, NodeAddress from) {
        leader = -1;
        if (hint == null) {
            return false;
        }
        for (int i = 0; i < nodes.size(); i++) {
            NodeAddress n = nodes.get(i);
            if (n.address().equals(hint) && !n.equals(from) && suspectUntil[i] <= System.currentTimeMillis()) {
                leader = i;
                return true;
            }
        }
        return false;
    }

    /** Adopts a node's word on who leads, unless that node is suspect. */
    synchronized void hint(String address) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).address().equals(address) && suspectUntil[i] <= System.currentTimeMillis()) {
                leader = i;
            }
        }
    }

    synchronized void failed(NodeAddress n) {
        int i = nodes.indexOf(n);
        if (i >= 0) {
            suspectUntil[i] = System.currentTimeMillis() + SUSPECT_MS;
        }
        if (leader == i) {
            leader = -1;
        }
    }

    synchronized void forgetLeader() {
        leader = -1;
    }
}
