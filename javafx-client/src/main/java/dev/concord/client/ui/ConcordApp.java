package dev.concord.client.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.concord.client.cli.LocalCluster;
import dev.concord.client.cli.SavedSessions;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.ClusterConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
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
     * @param user the name to offer in the login dialog, or null for the last one
     * @param saved a saved session to resume without asking, or null
     * @param onShown called with the signed-in window once it is up (screenshots), or null
     */
    public record Setup(ClusterClient client, ClusterConfig config, LocalCluster local, String user,
                        SavedSessions.Saved saved, Consumer<Workbench> onShown) {
    }

    private static volatile Setup setup;
    private final ExecutorService loginPool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "concord-login");
        t.setDaemon(true);
        return t;
    });
    private Workbench workbench;

    /** Starts the toolkit and blocks until the window closes. */
    public static void run(Setup s) {
        setup = s;
        Application.launch(ConcordApp.class);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        LoginViewModel login = loginModel(setup);
        Scene scene = new Scene(new LoginView(login, l -> enter(stage, l)), 1280, 800);
        scene.getStylesheets().add(ConcordApp.class.getResource("concord.css").toExternalForm());
        stage.setTitle("Concord — sign in");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(scene);
        stage.show();
        if (setup.saved() != null) {
            login.resume(setup.saved()).thenAccept(l -> FxExecutor.PLATFORM.execute(() -> enter(stage, l)));
        }
    }

    private LoginViewModel loginModel(Setup s) {
        String group = s.config() != null ? s.config().group() : "default";
        return new LoginViewModel(s.client(), ClusterClient::connect, new SavedSessions(SavedSessions.defaultRoot(), group),
                new ServerList(SavedSessions.defaultRoot(), group), s.user(), FxExecutor.PLATFORM, loginPool);
    }

    private void enter(Stage stage, LoginViewModel.Login l) {
        if (workbench != null) {
            return;
        }
        workbench = Workbench.open(stage, setup, l);
        if (setup.onShown() != null) {
            setup.onShown().accept(workbench);
        }
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
        loginPool.shutdownNow();
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
        private final ChatViewModel chat;
        private final ClusterClient ownClient;
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concord-ui-poll");
            t.setDaemon(true);
            return t;
        });
        private boolean dark;

        private Workbench(Stage stage, Setup setup, LoginViewModel.Login login) {
            this.stage = stage;
            this.ownClient = login.client() != setup.client() ? login.client() : null;
            this.ctx = UiContext.create(login.client(), login.user(), login.token(), setup.local(), FxExecutor.PLATFORM);
            this.status = new StatusViewModel(login.client(), FxExecutor.PLATFORM,
                    id -> setup.local() == null ? "remote" : setup.local().state(id).name().toLowerCase());
            this.folder = new FolderViewModel(ctx);
            this.chat = new ChatViewModel(ctx);
            this.window = new MainWindow(ctx, status, folder, setup.config(), new ChatView(chat));
            // The chat offers the room of whichever document is in front.
            window.tabs().getSelectionModel().selectedItemProperty().addListener((o, a, tab) ->
                    chat.documentOpened(window.currentEditor().map(e -> e.model().pathProperty().get()).orElse(null)));
        }

        /** Builds the signed-in window into {@code stage} and starts its background work. */
        public static Workbench open(Stage stage, Setup setup, LoginViewModel.Login login) {
            Workbench w = new Workbench(stage, setup, login);
            w.show();
            return w;
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
            chat.open();
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

        public ChatViewModel chat() {
            return chat;
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
            chat.close();
            ctx.close();
            if (ownClient != null) {
                ownClient.close();
            }
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
