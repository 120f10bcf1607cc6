package dev.concord.client.cli;

import dev.concord.client.ui.ConcordApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code concord gui [--user NAME]}: the desktop app (needs a display: use xvfb-run without one; GTK 3 on Linux). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop app against the cluster.",
            "Without a desktop, run it under xvfb-run; Linux needs GTK 3 (apt-get install libgtk-3-0)."})
final class GuiCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Main main;
    @Option(names = "--user", paramLabel = "NAME", description = "whose saved session to use")
    String user;

    @Override
    public Integer call() {
        LocalCluster local = null;
        try {
            ClusterCommand cc = new ClusterCommand();
            cc.main = main;
            local = cc.local();
        } catch (RuntimeException e) {
            main.ctx.err.println("no local cluster config (" + e.getMessage() + "); node controls are off");
        }
        ConcordApp.run(new ConcordApp.Setup(main.ctx.client(), local, user));
        return 0;
    }
}
