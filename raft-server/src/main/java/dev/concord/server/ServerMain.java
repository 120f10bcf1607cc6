package dev.concord.server;

import dev.concord.config.ClusterConfig;
import dev.concord.config.ConfigException;
import dev.concord.server.raft.ConcordNode;

/** {@code concord server --node N [--conf FILE]}: runs one node in the foreground until SIGTERM. */
public final class ServerMain {
    private static final String USAGE = "usage: concord server --node N [--conf FILE]";

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Integer id = null;
        String conf = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--node" -> id = i + 1 < args.length ? parseId(args[++i]) : null;
                case "--conf" -> conf = i + 1 < args.length ? args[++i] : null;
                case "-h", "--help" -> exit(0, USAGE);
                default -> exit(2, "unknown argument '" + args[i] + "'\n" + USAGE);
            }
        }
        if (id == null) {
            exit(2, "--node N is required\n" + USAGE);
        }
        ConcordNode node;
        try {
            ClusterConfig config = ClusterConfig.load(ClusterConfig.locate(conf));
            config.warnings().forEach(w -> System.err.println("warning: " + w));
            node = ConcordNode.start(config, id);
        } catch (ConfigException | IllegalStateException e) {
            exit(1, "concord server: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "concord-shutdown"));
        node.join();
    }

    private static Integer parseId(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            exit(2, "--node takes a node id from cluster.conf, got '" + s + "'\n" + USAGE);
            return null;
        }
    }

    private static void exit(int code, String message) {
        (code == 0 ? System.out : System.err).println(message);
        System.exit(code);
    }
}
