package dev.concord.chaos.nemesis;

import java.util.List;

/**
 * One step of a nemesis schedule, with concrete node ids. Fault actions say whether they hit the
 * node that was leader when the step was planned ({@code leader}), so reports can tell leader
 * failovers from follower faults.
 */
public sealed interface NemesisAction {

    /** The group this step is reported under: a {@link Fault} label, or "heal". */
    String kind();

    /** A short description for the timeline, e.g. {@code kill 2,3 (leader 2)}. */
    String describe();

    /** SIGKILL these nodes. */
    record Kill(List<Integer> nodes, boolean leader) implements NemesisAction {
        public Kill {
            nodes = List.copyOf(nodes);
        }

        public String kind() {
            return Fault.KILL.label();
        }

        public String describe() {
            return "kill " + ids(nodes) + (leader ? " (leader " + nodes.get(0) + ")" : "");
        }
    }

    /** SIGSTOP one node. */
    record Pause(int node, boolean leader) implements NemesisAction {
        public String kind() {
            return Fault.PAUSE.label();
        }

        public String describe() {
            return "pause " + node + (leader ? " (leader)" : "");
        }
    }

    /** SIGTERM one node, then start it again and wait until it answers. */
    record Bounce(int node, boolean leader) implements NemesisAction {
        public String kind() {
            return Fault.RESTART.label();
        }

        public String describe() {
            return "restart " + node + (leader ? " (leader)" : "");
        }
    }

    /** Which of a node's links a partition cuts. */
    enum Direction {
        /** Neither the node nor its peers can send to each other. */
        BOTH,
        /** The node's packets to its peers are dropped; it still hears them. */
        OUTBOUND,
        /** Its peers' packets to the node are dropped; it can still send. */
        INBOUND
    }

    /** Cut a node off from all its peers. */
    record Partition(int node, Direction direction, boolean leader) implements NemesisAction {
        public String kind() {
            return Fault.PARTITION.label();
        }

        public String describe() {
            String how = switch (direction) {
                case BOTH -> "two-way";
                case OUTBOUND -> "one-way, node cannot send";
                case INBOUND -> "one-way, node cannot hear";
            };
            return "isolate " + node + " (" + how + (leader ? ", leader" : "") + ")";
        }
    }

    /** How a majority is taken out. */
    enum Method { KILL, PAUSE, PARTITION }

    /** Take out a majority of nodes at once; the next step is always {@link HealAll}. */
    record Majority(List<Integer> nodes, Method method) implements NemesisAction {
        public Majority {
            nodes = List.copyOf(nodes);
        }

        public String kind() {
            return Fault.MAJORITY.label();
        }

        public String describe() {
            String verb = switch (method) {
                case KILL -> "kill";
                case PAUSE -> "pause";
                case PARTITION -> "isolate";
            };
            return "majority: " + verb + " " + ids(nodes);
        }
    }

    /** Start these killed nodes again and wait until they answer. */
    record Restart(List<Integer> nodes) implements NemesisAction {
        public Restart {
            nodes = List.copyOf(nodes);
        }

        public String kind() {
            return "heal";
        }

        public String describe() {
            return "start " + ids(nodes);
        }
    }

    /** SIGCONT these paused nodes. */
    record Resume(List<Integer> nodes) implements NemesisAction {
        public Resume {
            nodes = List.copyOf(nodes);
        }

        public String kind() {
            return "heal";
        }

        public String describe() {
            return "resume " + ids(nodes);
        }
    }

    /** Remove every network cut. */
    record HealNetwork() implements NemesisAction {
        public String kind() {
            return "heal";
        }

        public String describe() {
            return "heal network";
        }
    }

    /** Resume paused nodes, heal the network, start killed nodes: everything back. */
    record HealAll() implements NemesisAction {
        public String kind() {
            return "heal";
        }

        public String describe() {
            return "heal all";
        }
    }

    private static String ids(List<Integer> nodes) {
        return String.join(",", nodes.stream().map(String::valueOf).toList());
    }
}
