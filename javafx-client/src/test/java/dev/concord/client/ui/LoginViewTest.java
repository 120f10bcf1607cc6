package dev.concord.client.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.concord.client.cli.SavedSessions;
import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sign-in card, headless (Monocle), against a cluster that is not there. */
@ExtendWith(ApplicationExtension.class)
class LoginViewTest {
    @TempDir
    static Path config;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private ClusterClient client;

    @Start
    void start(Stage stage) {
        // Port 1 on loopback refuses at once; a short deadline keeps the test quick.
        client = ClusterClient.connect(ServerList.parse("127.0.0.1:1"), ClientOptions.defaults().withDeadlineMs(800));
        LoginViewModel model = new LoginViewModel(client, ClusterClient::connect, new SavedSessions(config, "t"),
                new ServerList(config, "t"), null, FxExecutor.PLATFORM, pool);
        stage.setScene(new Scene(new LoginView(model, l -> { }), 700, 500));
        stage.show();
    }

    @AfterEach
    void close() {
        client.close();
        pool.shutdownNow();
    }

    /** A name the rules refuse is caught before anything is sent, with the rule. */
    @Test
    void badNameSaysTheRule(FxRobot robot) {
        robot.clickOn("#login-name").write("no spaces");
        robot.clickOn("#login-password").write("password123");
        robot.clickOn("#login-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#login-message").queryLabeled().getText()).contains("letters, digits");
    }

    /** No node answers: the message names the servers and says how to start the cluster. */
    @Test
    void unreachableClusterSaysWhatToDo(FxRobot robot) {
        robot.clickOn("#login-name").write("alice");
        robot.clickOn("#login-password").write("password123");
        robot.clickOn("#login-button");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                robot.lookup("#login-message").queryLabeled().getText().contains("bin/concord up"));
        assertThat(robot.lookup("#login-message").queryLabeled().getText()).contains("127.0.0.1:1");
        assertThat(robot.lookup("#login-button").queryButton().isDisabled()).isFalse();
    }
}
