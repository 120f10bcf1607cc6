package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.ConnectionState;
import dev.concord.client.session.Accounts;
import dev.concord.client.session.CaretChannel;
import dev.concord.client.session.ChatSession;
import dev.concord.client.session.DocumentSession;
import dev.concord.client.ui.ConcordApp;
import dev.concord.client.ui.EditorView;
import dev.concord.client.ui.EditorViewModel;
import dev.concord.client.ui.LoginViewModel;
import dev.concord.client.ui.StatusViewModel;
import dev.concord.ot.Selection;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app, headless (Monocle), signed in as alice against a real 3-node cluster, driven
 * by TestFX's robot as a user would: keystrokes into the editor, clicks in the cluster panel and
 * the chat. Bob is a second client using the library directly. One cluster and one window for
 * all tests, in order (each leaves the cluster whole again).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopIT {
    private static final String PASSWORD = "desktop-it-password";
    private static final Duration LONG = Duration.ofSeconds(45);

    private static Path configDir;
    private static TestCluster cluster;
    private static ConcordApp.Workbench bench;
    private static ClusterClient bobClient;
    private static String bobToken;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void up() throws Exception {
        configDir = Files.createTempDirectory("concord-desktop-it-");
        System.setProperty("concord.config.dir", configDir.toString());
        cluster = TestCluster.start(3, "password_iterations = 1000\n");
        ClusterClient alice = cluster.client();
        Accounts.signup(alice, "alice", PASSWORD);
        Accounts.signup(alice, "bob", PASSWORD);
        String aliceToken = Accounts.login(alice, "alice", PASSWORD).token();
        alice.useSession(aliceToken);
        bobClient = cluster.client();
        bobToken = Accounts.login(bobClient, "bob", PASSWORD).token();
        bobClient.useSession(bobToken);

        Stage stage = FxToolkit.registerPrimaryStage();
        ConcordApp.Setup setup = new ConcordApp.Setup(alice, cluster.config(), cluster.local(), "alice", null, null);
        FxToolkit.setupFixture(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            bench = ConcordApp.Workbench.open(stage, setup, new LoginViewModel.Login("alice", aliceToken, alice));
        });
    }

    @AfterAll
    static void down() throws Exception {
        if (bench != null) {
            FxToolkit.setupFixture(bench::close);
        }
        FxToolkit.cleanupStages();
        if (cluster != null) {
            cluster.close();
        }
        try (Stream<Path> walk = Files.walk(configDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private EditorView open(String path) throws Exception {
        cluster.client().write(new Write.DocCreate(path));
        EditorView[] editor = new EditorView[1];
        FxToolkit.setupFixture(() -> editor[0] = bench.window().openDocument(path));
        await().atMost(LONG).until(() -> editor[0].model().session() != null);
        return editor[0];
    }

    private static String committedText(String path) {
        return ((Response.DocText) cluster.client().read(new Query.DocOpen(path))).text();
    }

    /** Typing in the editor: every keystroke reaches the cluster and the tab says it is saved on a majority. */
    @Test
    @Order(1)
    void typedTextIsCommittedInTheCluster() throws Exception {
        EditorView editor = open("/it/typed.txt");
        robot.clickOn(editor.area()).write("hello raft");
        await().atMost(LONG).until(() -> committedText("/it/typed.txt").equals("hello raft"));
        await().atMost(LONG).until(() -> editor.model().savedProperty().get() == EditorViewModel.Saved.SAVED);
        assertThat(robot.lookup("#save-state").queryLabeled().getText()).contains("saved on a majority");
    }

    /**
     * Bob inserts before alice's selection and after it: her text shows both edits, her selection
     * stays on the same characters, and bob's caret appears where he put it.
     */
    @Test
    @Order(2)
    void remoteEditAppearsWithoutMovingTheLocalCaret() throws Exception {
        EditorView editor = open("/it/remote.txt");
        robot.clickOn(editor.area()).write("hello raft");
        await().atMost(LONG).until(() -> committedText("/it/remote.txt").equals("hello raft"));
        FxToolkit.setupFixture(() -> editor.area().selectRange(6, 10)); // "raft", caret at its end

        DocumentSession bob = DocumentSession.open(bobClient, "/it/remote.txt", c -> { }, null);
        CaretChannel bobCaret = new CaretChannel(bobClient.carets(), bob, "bob", bobToken, others -> { });
        try {
            bob.insert(0, "BIG ");
            bob.insert(bob.text().length(), "!");
            bobCaret.moved(Selection.caret(4));
            await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() -> editor.area().getText()).get()
                    .equals("BIG hello raft!"));
            assertThat(WaitForAsyncUtils.asyncFx(() -> List.of(editor.area().getAnchor(), editor.area().getCaretPosition()))
                    .get()).containsExactly(10, 14);
            assertThat(WaitForAsyncUtils.asyncFx(() -> editor.area().getSelectedText()).get()).isEqualTo("raft");
            await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(editor.model().carets())).get()
                    .stream().anyMatch(c -> c.user().equals("bob") && c.at().equals(Selection.caret(4))));
        } finally {
            bobCaret.close();
            bob.close();
        }
    }

    /** Alice types in the chat input and bob receives it; bob answers and it shows in alice's pane. */
    @Test
    @Order(3)
    void chatSendAndReceive() throws Exception {
        List<Message> bobGot = new CopyOnWriteArrayList<>();
        try (ChatSession bob = ChatSession.open(bobClient, "bob", bobToken, new ChatSession.Listener() {
            @Override
            public void message(Message m) {
                bobGot.add(m);
            }
        })) {
            bob.join("it").join();
            FxToolkit.setupFixture(() -> bench.chat().select("#it"));
            await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() -> !bench.chat().hasOlderProperty().get()).get());
            robot.clickOn("#chat-input").write("hi bob").type(KeyCode.ENTER);
            await().atMost(LONG).until(() -> bobGot.stream().anyMatch(m -> "hi bob".equals(m.text()) && "alice".equals(m.from())));
            bob.send("#it", "hi alice").sent().join();
            await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() -> bench.chat().items().stream()
                    .anyMatch(i -> "hi alice".equals(i.text()) && "bob".equals(i.from()))).get());
            assertThat(WaitForAsyncUtils.asyncFx(() -> bench.chat().items().stream()
                    .filter(i -> "hi bob".equals(i.text())).findFirst().orElseThrow().status()).get()).isEqualTo("sent");
        }
    }

    /**
     * Alice types, kills the leader with the cluster panel's Kill -9, and types on during the
     * election. Nothing typed is lost: the cluster ends with exactly her text, and the status bar
     * went through reconnecting (or no quorum) back to connected.
     */
    @Test
    @Order(4)
    void killingTheLeaderFromThePanelWhileTypingLosesNothing() throws Exception {
        EditorView editor = open("/it/failover.txt");
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        FxToolkit.setupFixture(() -> bench.status().connectionProperty().addListener((o, a, c) -> states.add(c.state())));
        robot.clickOn(editor.area()).write("before the crash, ");

        int leader = cluster.awaitLeader();
        robot.clickOn("Cluster");
        @SuppressWarnings("unchecked")
        TableView<StatusViewModel.NodeRow> table = (TableView<StatusViewModel.NodeRow>) robot.lookup("#cluster-table").query();
        await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() -> rowOf(table, leader)).get() >= 0);
        FxToolkit.setupFixture(() -> table.getSelectionModel().select(rowOf(table, leader)));
        robot.clickOn("#node-kill");
        FxToolkit.setupFixture(() -> bench.window().openDocument("/it/failover.txt")); // back to its tab
        robot.clickOn(editor.area()).type(KeyCode.END).write("during the election.");

        String expected = "before the crash, during the election.";
        await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() -> editor.model().session().isSynchronized()).get());
        assertThat(committedText("/it/failover.txt")).isEqualTo(expected);
        assertThat(WaitForAsyncUtils.asyncFx(() -> editor.area().getText()).get()).isEqualTo(expected);
        assertThat(cluster.local().state(leader).name()).isEqualTo("STOPPED");

        await().atMost(LONG).until(() -> !states.isEmpty() && states.get(states.size() - 1) == ConnectionState.CONNECTED);
        int trouble = Math.max(states.indexOf(ConnectionState.RECONNECTING), states.indexOf(ConnectionState.NO_QUORUM));
        assertThat(trouble).as("states seen: %s", states).isGreaterThanOrEqualTo(0);
        assertThat(states.subList(trouble, states.size())).contains(ConnectionState.CONNECTED);
        await().atMost(LONG).until(() -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup("#connection-state").queryLabeled().getText()).get().startsWith("● connected"));
        cluster.startNode(leader);
    }

    private static int rowOf(TableView<StatusViewModel.NodeRow> table, int id) {
        for (int i = 0; i < table.getItems().size(); i++) {
            StatusViewModel.NodeRow r = table.getItems().get(i);
            if (r.node().id() == id && r.status() != null && r.status().role().equals("LEADER")) {
                return i;
            }
        }
        return -1;
    }
}
