package dev.concord.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code concord up}: the newcomer's one command: start the local cluster and open the desktop app. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the local cluster of cluster.conf (if needed), show its status and open the desktop app.",
            "Scripts and machines without a display: add --no-gui."})
final class UpCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Main main;
    @Option(names = "--no-gui", description = "only start the cluster (scripts, servers, CI)")
    boolean noGui;
    @Option(names = "--user", paramLabel = "NAME", description = "open the app as this user")
    String user;

    @Override
    public Integer call() throws Exception {
        ClusterCommand cluster = new ClusterCommand();
        cluster.main = main;
        int rc = cluster.up(false);
        if (rc != 0) {
            return rc;
        }
        if (noGui) {
            main.ctx.err.println("cluster is up. Try: bin/concord stream append demo hello; bin/concord cluster status");
            return 0;
        }
        if (!Display.available()) {
            main.ctx.err.println("cluster is up; not opening the desktop app: " + Display.HELP);
            return 0;
        }
        main.ctx.err.println("cluster is up; opening the desktop app (close it to return; the cluster keeps running:"
                + " bin/concord cluster down stops it)");
        return GuiCommand.open(main, user, null);
    }
}
