package dev.concord.client.cli;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;

/**
 * Group membership and admin through jraft's CliService (it asks the leader to change the
 * configuration). Blocks for up to a few seconds: the desktop app calls it off the FX thread.
 */
public final class Membership {
    private final java.util.function.Supplier<ClusterConfig> config;
    private final java.util.function.Consumer<String> report;

    private Membership(java.util.function.Supplier<ClusterConfig> config, java.util.function.Consumer<String> report) {
        this.config = config;
        this.report = report;
    }

    static Membership of(CliContext ctx) {
        return new Membership(ctx::config, ctx.err::println);
    }

    /** For the desktop app: {@code report} receives the success line. */
    public static Membership of(ClusterConfig config, java.util.function.Consumer<String> report) {
        return new Membership(() -> config, report);
    }

    public int addNode(NodeAddress node) {
        return run(cli -> cli.addPeer(config.get().group(), conf(), peer(node)),
                "added node " + node.id() + " (" + node.address() + "); add 'node." + node.id() + " = "
                        + node.address() + "' to cluster.conf so every tool knows it");
    }

    public int removeNode(NodeAddress node) {
        return run(cli -> cli.removePeer(config.get().group(), conf(), peer(node)),
                "removed node " + node.id() + "; remove it from cluster.conf too");
    }

    public int transferLeader(NodeAddress node) {
        return run(cli -> cli.transferLeader(config.get().group(), conf(), peer(node)),
                "leadership handed to node " + node.id());
    }

    int snapshot(NodeAddress node) {
        return run(cli -> cli.snapshot(config.get().group(), peer(node)), "node " + node.id() + " took a snapshot");
    }

    private Configuration conf() {
        Configuration c = new Configuration();
        c.parse(config.get().peers());
        return c;
    }

    private static PeerId peer(NodeAddress n) {
        return new PeerId(n.host(), n.port());
    }

    private int run(java.util.function.Function<CliService, Status> op, String success) {
        CliOptions opts = new CliOptions();
        opts.setTimeoutMs(5_000);
        opts.setMaxRetry(3);
        CliService cli = RaftServiceFactory.createAndInitCliService(opts);
        try {
            Status st = op.apply(cli);
            if (!st.isOk()) {
                throw new ConcordException(ErrorCode.UNAVAILABLE, st.getErrorMsg()
                        + "; check that a leader exists (bin/concord cluster status) and retry");
            }
            report.accept(success);
            return 0;
        } finally {
            cli.shutdown();
        }
    }
}
