package dev.concord.client.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.concord.client.cli.LocalCluster;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.ClusterConfig;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop app. Everything it needs comes in a {@link Setup} prepared by {@code bin/concord gui}
 * before the toolkit starts; the app only builds views and schedules refreshes off the FX thread.
 */
public final class ConcordApp extends Application {
    /**
     * What the app runs against.
     *
     * @param config the cluster.conf in use (membership changes need its group), or null with --servers
     * @param local node process control when the nodes run here, else null
     * @param user the name to show (and to log in as), or null
     * @param onShown called with the window once it is up (screenshots, tests), or null
     */
    public record Setup(ClusterClient client, ClusterConfig config, LocalCluster local, String user,
                        Consumer<Workbench> onShown) {
    }

    private static volatile Setup setup;
    private Workbench workbench;

    /** Starts the toolkit and blocks until the window closes. */
    public static void run(Setup s) {
        setup = s;
        Application.launch(ConcordApp.class);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        String user = setup.user() != null ? setup.user() : System.getProperty("user.name", "me");
        workbench = Workbench.open(stage, setup, user, null);
        if (setup.onShown() != null) {
            setup.onShown().accept(workbench);
        }
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }

    /**
     * The signed-in window and everything behind it, built into {@code stage}; the tests build it
     * the same way. Holds the background refreshes so that closing it stops them.
     */
    public static final class Workbench implements AutoCloseable {
        private final Stage stage;
        private final UiContext ctx;
        private final StatusViewModel status;
        private final FolderViewModel folder;
        private final MainWindow window;
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concord-ui-poll");
            t.setDaemon(true);
            return t;
        });
        private boolean dark;

        private Workbench(Stage stage, Setup setup, String user, String token) {
            this.stage = stage;
            this.ctx = UiContext.create(setup.client(), user, token, setup.local(), FxExecutor.PLATFORM);
            this.status = new StatusViewModel(setup.client(), FxExecutor.PLATFORM,
                    id -> setup.local() == null ? "remote" : setup.local().state(id).name().toLowerCase());
            this.folder = new FolderViewModel(ctx);
            this.window = new MainWindow(ctx, status, folder, setup.config(), chatPane());
        }

        public static Workbench open(Stage stage, Setup setup, String user, String token) {
            Workbench w = new Workbench(stage, setup, user, token);
            w.show();
            return w;
        }

        private static javafx.scene.Node chatPane() {
            Label title = new Label("Chat");
            title.getStyleClass().add("title-4");
            Label note = new Label("Chat needs accounts, which this build does not have yet.");
            note.setWrapText(true);
            note.getStyleClass().add("text-muted");
            VBox box = new VBox(8, title, note);
            box.setId("chat-pane");
            box.setStyle("-fx-padding: 8;");
            return box;
        }

        private void show() {
            Scene scene = new Scene(window, 1280, 800);
            scene.getStylesheets().add(ConcordApp.class.getResource("concord.css").toExternalForm());
            Shortcuts.install(scene, this);
            stage.setTitle("Concord — " + ctx.user());
            stage.setMinWidth(900);
            stage.setMinHeight(560);
            stage.setScene(scene);
            stage.setOnCloseRequest(e -> {
                if (!CloseGuard.mayClose(window.editors(), stage)) {
                    e.consume();
                }
            });
            stage.show();
            folder.start();
            poller.scheduleWithFixedDelay(() -> status.refresh().join(), 0, 1, TimeUnit.SECONDS);
        }

        public void toggleTheme() {
            dark = !dark;
            Application.setUserAgentStylesheet((dark ? new PrimerDark() : new PrimerLight()).getUserAgentStylesheet());
            window.getStyleClass().removeAll("theme-dark", "theme-light");
            window.getStyleClass().add(dark ? "theme-dark" : "theme-light");
        }

        public Stage stage() {
            return stage;
        }

        public MainWindow window() {
            return window;
        }

        public FolderViewModel folder() {
            return folder;
        }

        public StatusViewModel status() {
            return status;
        }

        public UiContext context() {
            return ctx;
        }

        /** Stops refreshes and closes every editor (edits not yet acknowledged may be lost: see {@link CloseGuard}). */
        @Override
        public void close() {
            poller.shutdownNow();
            window.editors().forEach(e -> e.model().close());
            folder.close();
            ctx.close();
        }

        /** Quits the app the way the window's close button does (asking first about unsaved edits). */
        public void quit() {
            if (CloseGuard.mayClose(window.editors(), stage)) {
                stage.close();
                Platform.exit();
            }
        }
    }
}
