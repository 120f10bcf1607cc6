package dev.concord.client.cli;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;

/** Group membership and admin through jraft's CliService (it asks the leader to change the configuration). */
final class Membership {
    private final CliContext ctx;

    private Membership(CliContext ctx) {
        this.ctx = ctx;
    }

    static Membership of(CliContext ctx) {
        return new Membership(ctx);
    }

    int addNode(NodeAddress node) {
        return run(cli -> cli.addPeer(ctx.config().group(), conf(), peer(node)),
                "added node " + node.id() + " (" + node.address() + "); add 'node." + node.id() + " = "
                        + node.address() + "' to cluster.conf so every tool knows it");
    }

    int removeNode(NodeAddress node) {
        return run(cli -> cli.removePeer(ctx.config().group(), conf(), peer(node)),
                "removed node " + node.id() + "; remove it from cluster.conf too");
    }

    int transferLeader(NodeAddress node) {
        return run(cli -> cli.transferLeader(ctx.config().group(), conf(), peer(node)),
                "leadership handed to node " + node.id());
    }

    int snapshot(NodeAddress node) {
        return run(cli -> cli.snapshot(ctx.config().group(), peer(node)), "node " + node.id() + " took a snapshot");
    }

    private Configuration conf() {
        Configuration c = new Configuration();
        c.parse(ctx.config().peers());
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
            ctx.err.println(success);
            return 0;
        } finally {
            cli.shutdown();
        }
    }
}
