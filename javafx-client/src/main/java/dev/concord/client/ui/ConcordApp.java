package dev.concord.client.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.concord.client.cli.LocalCluster;
import dev.concord.client.net.ClusterClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The desktop app. Everything it needs comes in a {@link Setup} prepared by {@code bin/concord gui}
 * before the toolkit starts; the app only builds views and schedules refreshes off the FX thread.
 */
public final class ConcordApp extends Application {
    /** What the app runs against: the client library, and local node control when nodes run here. */
    public record Setup(ClusterClient client, LocalCluster local, String user) {
    }

    private static volatile Setup setup;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "concord-ui-poll");
        t.setDaemon(true);
        return t;
    });
    private boolean dark;

    /** Starts the toolkit and blocks until the window closes. */
    public static void run(Setup s) {
        setup = s;
        Application.launch(ConcordApp.class);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        StatusViewModel status = new StatusViewModel(setup.client(), FxExecutor.PLATFORM,
                id -> setup.local() == null ? "remote" : setup.local().state(id).name().toLowerCase());
        MainWindow window = new MainWindow(status, setup.local());
        Scene scene = new Scene(window, 1280, 800);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> {
                    dark = !dark;
                    Application.setUserAgentStylesheet((dark ? new PrimerDark() : new PrimerLight()).getUserAgentStylesheet());
                });
        stage.setTitle("Concord" + (setup.user() == null ? "" : " — " + setup.user()));
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(scene);
        stage.show();
        poller.scheduleWithFixedDelay(() -> status.refresh().join(), 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        poller.shutdownNow();
    }
}
