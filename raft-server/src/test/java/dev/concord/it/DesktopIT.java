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
import dev.concord.client.ui.SaveState;
import dev.concord.client.ui.StatusViewModel;
import dev.concord.client.ui.UiContext;
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
        try {
            if (bench != null) {
                FxToolkit.setupFixture(bench::close);
            }
            FxToolkit.cleanupStages();
        } finally {
            try {
                if (cluster != null) {
                    cluster.close();
                }
            } finally {
                try (Stream<Path> walk = Files.walk(configDir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
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
        await().atMost(LONG).until(() -> editor.model().saved().kindProperty().get() == SaveState.Kind.SAVED);
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
        java.util.concurrent.atomic.AtomicReference<List<dev.concord.protocol.presence.Caret>> bobSees =
                new java.util.concurrent.atomic.AtomicReference<>(List.of());
        CaretChannel bobCaret = new CaretChannel(bobClient.carets(), bob, "bob", bobToken, bobSees::set);
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
            // And the other way: alice's selection, published from the editor, lands on "raft" in bob's text.
            await().atMost(LONG).until(() -> bobSees.get().stream().anyMatch(c -> c.user().equals("alice")
                    && bob.localSelection(c).equals(java.util.Optional.of(new Selection(10, 14)))));
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

    /**
     * The editor's view model without any window: two of them (alice, bob) over plain-string
     * surfaces, each driven on its own "UI thread". Edits converge, a remote caret is placed, undo
     * reverts only the undoer's own edit, and the save state ends at "saved".
     */
    @Test
    @Order(5)
    void editorViewModelsConvergeShareCaretsAndUndoOnlyOwnEdits() throws Exception {
        String path = "/it/viewmodel.txt";
        cluster.client().write(new Write.DocCreate(path));
        java.util.concurrent.ExecutorService uiA = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService uiB = java.util.concurrent.Executors.newSingleThreadExecutor();
        UiContext ctxA = UiContext.create(bench.context().client(), "alice", bench.context().token(), null, uiA::execute);
        UiContext ctxB = UiContext.create(bobClient, "bob", bobToken, null, uiB::execute);
        StringSurface sa = new StringSurface();
        StringSurface sb = new StringSurface();
        EditorViewModel a = new EditorViewModel(ctxA, path, sa);
        EditorViewModel b = new EditorViewModel(ctxB, path, sb);
        try {
            a.open().join();
            b.open().join();
            await().atMost(LONG).until(() -> on(uiA, () -> a.session() != null) && on(uiB, () -> b.session() != null));
            on(uiA, () -> sa.type(a, 0, "abc"));
            await().atMost(LONG).until(() -> on(uiB, sb::text).equals("abc"));
            on(uiB, () -> sb.type(b, 3, "XYZ"));
            await().atMost(LONG).until(() -> on(uiA, sa::text).equals("abcXYZ"));
            on(uiB, () -> {
                b.caretMoved(Selection.caret(4));
                return null;
            });
            await().atMost(LONG).until(() -> on(uiA, () -> a.carets().stream()
                    .anyMatch(c -> c.user().equals("bob") && c.at().equals(Selection.caret(4)))));

            assertThat(on(uiA, a::undo)).isTrue();
            await().atMost(LONG).until(() -> on(uiB, sb::text).equals("XYZ") && on(uiA, sa::text).equals("XYZ"));
            await().atMost(LONG).until(() -> on(uiA, () -> a.saved().kindProperty().get()) == SaveState.Kind.SAVED);
            assertThat(committedText(path)).isEqualTo("XYZ");
        } finally {
            on(uiA, () -> {
                a.close();
                return null;
            });
            on(uiB, () -> {
                b.close();
                return null;
            });
            uiA.shutdownNow();
            uiB.shutdownNow();
            ctxA.close();
            ctxB.close();
        }
    }

    /** The login dialog's model against the cluster: a wrong password and a taken name say so, and what to do. */
    @Test
    @Order(6)
    void loginRefusalsSayWhatIsWrong() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        ClusterClient client = cluster.client();
        LoginViewModel login = new LoginViewModel(client, ClusterClient::connect,
                new dev.concord.client.cli.SavedSessions(configDir, "it"), new dev.concord.client.ui.ServerList(configDir, "it"),
                "alice", dev.concord.client.ui.FxExecutor.DIRECT, pool);
        try {
            login.passwordProperty().set("not-the-password");
            assertThat(login.login()).failsWithin(LONG);
            assertThat(login.messageProperty().get()).contains("wrong password").contains("try again");

            login.passwordProperty().set("another-password");
            assertThat(login.signup()).failsWithin(LONG);
            assertThat(login.messageProperty().get()).contains("taken").contains("choose another");

            login.passwordProperty().set(PASSWORD);
            assertThat(login.login()).succeedsWithin(LONG).extracting(LoginViewModel.Login::user).isEqualTo("alice");
            assertThat(new dev.concord.client.cli.SavedSessions(configDir, "it").load("alice").user()).isEqualTo("alice");
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T on(java.util.concurrent.ExecutorService ui, java.util.concurrent.Callable<T> call) throws Exception {
        return ui.submit(call).get();
    }

    /** A text surface over a string; "typing" reports the change to the view model as a control would. */
    private static final class StringSurface implements dev.concord.client.ui.TextSurface {
        private final StringBuilder text = new StringBuilder();
        private Selection selection = Selection.caret(0);

        String text() {
            return text.toString();
        }

        boolean type(EditorViewModel vm, int pos, String s) {
            text.insert(pos, s);
            selection = Selection.caret(pos + s.length());
            vm.localEdit(pos, "", s);
            return true;
        }

        @Override
        public void reset(String t) {
            text.setLength(0);
            text.append(t);
            selection = Selection.caret(Math.min(selection.head(), t.length()));
        }

        @Override
        public void replaceRemote(int start, int end, String s) {
            text.replace(start, end, s);
        }

        @Override
        public void replaceOwn(int start, int end, String s) {
            text.replace(start, end, s);
            selection = Selection.caret(start + s.length());
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public void select(Selection s) {
            selection = s;
        }

        @Override
        public Selection selection() {
            return selection;
        }
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
