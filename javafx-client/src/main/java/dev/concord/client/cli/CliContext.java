package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.Codec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command shares, and the objects they lead to (built lazily, closed at exit). */
public final class CliContext implements AutoCloseable {
    @Option(names = "--conf", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "cluster config (default: $CONCORD_CONF, else cluster.conf of this checkout)")
    String conf;

    @Option(names = "--servers", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT,...", split = ",",
            description = "talk only to these nodes; reads are then served by the node connected to")
    List<String> servers;

    @Option(names = "--as", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "act as this user's saved session (default: the last 'user login')")
    String as;

    private ClusterConfig config;
    private ClusterClient client;
    private final List<AutoCloseable> closing = new ArrayList<>();
    PrintStream out = System.out;
    PrintStream err = System.err;

    public Path confPath() {
        return ClusterConfig.locate(conf);
    }

    public ClusterConfig config() {
        if (config == null) {
            config = ClusterConfig.load(confPath());
            config.warnings().forEach(w -> err.println("warning: " + w));
        }
        return config;
    }

    /** The nodes to talk to: {@code --servers} when given, else every node of the config. */
    public List<NodeAddress> nodes() {
        if (servers == null || servers.isEmpty()) {
            return config().nodes();
        }
        List<NodeAddress> out = new ArrayList<>();
        for (String s : servers) {
            NodeAddress known = null;
            try {
                known = config().nodes().stream().filter(n -> n.address().equals(s.trim())).findFirst().orElse(null);
            } catch (RuntimeException e) {
                // no config needed when --servers names everything
            }
            out.add(known != null ? known : NodeAddress.parse(out.size() + 1, s.trim()));
        }
        return out;
    }

    public ClusterClient client() {
        if (client == null) {
            client = ClusterClient.connect(nodes());
            if (requireAuth()) {
                try {
                    client.useSession(session().token());
                } catch (dev.concord.protocol.ConcordException e) {
                    // not logged in: the cluster refuses with a message that says to log in
                }
            }
        }
        return client;
    }

    private boolean requireAuth() {
        try {
            return config().requireAuth();
        } catch (RuntimeException e) {
            return false; // --servers without a config file: commands send tokens only where they must
        }
    }

    /** Saved logins for this cluster (see {@link SavedSessions}). */
    SavedSessions sessions() {
        String group;
        try {
            group = config().group();
        } catch (RuntimeException e) {
            group = "default"; // --servers without a config file
        }
        return new SavedSessions(SavedSessions.defaultRoot(), group);
    }

    /** The session chosen by {@code --as}, or the last login. */
    SavedSessions.Saved session() {
        return sessions().load(as);
    }

    /** Writes as the session of {@code token} and waits for the result. */
    dev.concord.protocol.Result write(dev.concord.protocol.Write op, String token) {
        return ClusterClient.await(client().newWriter(token).submit(op));
    }

    /** Closes {@code resource} when the command ends, with the shared client. */
    void onClose(AutoCloseable resource) {
        closing.add(resource);
    }

    void printJson(Object value) {
        out.println(Codec.toJson(value));
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                err.println("warning: " + e.getMessage());
            }
        }
        if (client != null) {
            client.close();
        }
    }
}
