package dev.concord.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code concord up}: the newcomer's one command: start the local cluster and show it. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local cluster of cluster.conf (if needed) and show its status.")
final class UpCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        ClusterCommand cluster = new ClusterCommand();
        cluster.main = main;
        int rc = cluster.up(false);
        if (rc == 0) {
            main.ctx.err.println("cluster is up. Try: bin/concord stream append demo hello; bin/concord cluster status");
        }
        return rc;
    }
}
