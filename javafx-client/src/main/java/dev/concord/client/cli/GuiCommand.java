package dev.concord.client.cli;

import dev.concord.client.ui.ConcordApp;
import dev.concord.config.ClusterConfig;
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
    @Option(names = "--user", paramLabel = "NAME",
            description = "resume NAME's saved session (bin/concord user login), else offer NAME in the login dialog")
    String user;
    @Option(names = "--screenshots", paramLabel = "DIR", hidden = true,
            description = "run the screenshot tour into DIR and exit (used by bin/screenshots)")
    java.nio.file.Path screenshots;

    @Override
    public Integer call() {
        return open(main, user, screenshots);
    }

    /** Opens the app and blocks until it closes; 1 with a message that says what to do when there is no display. */
    static int open(Main main, String user, java.nio.file.Path screenshots) {
        if (!Display.available()) {
            main.ctx.err.println(Display.HELP);
            return 1;
        }
        LocalCluster local = null;
        ClusterConfig config = null;
        try {
            ClusterCommand cc = new ClusterCommand();
            cc.main = main;
            local = cc.local();
            config = main.ctx.config();
        } catch (RuntimeException e) {
            main.ctx.err.println("no local cluster config (" + e.getMessage() + "); node controls are off");
        }
        java.util.function.Consumer<ConcordApp.Workbench> onShown = screenshots == null ? null
                : w -> ScreenshotTour.start(w, screenshots);
        SavedSessions.Saved saved = screenshots != null ? ScreenshotTour.signIn(main, user) : savedSession(main, user);
        try {
            ConcordApp.run(new ConcordApp.Setup(main.ctx.client(), config, local, user, saved, onShown));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            main.ctx.err.println("the desktop app could not start: " + e.getMessage() + "\n" + Display.HELP);
            return 1;
        }
        return 0;
    }

    /** The saved login of {@code user} (or of the last login), or null: the app then asks. */
    private static SavedSessions.Saved savedSession(Main main, String user) {
        try {
            return main.ctx.sessions().load(user);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
