package dev.concord.client.cli;

import dev.concord.client.ui.ConcordApp;
import dev.concord.client.ui.EditorView;
import dev.concord.client.ui.Snapshots;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Write;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/**
 * Drives the real app through the scenes of docs/screenshots and writes a PNG of each: a shared
 * document with two collaborators typing and selecting, the folder and chat beside it, and the
 * cluster panel while the leader is down. Runs on its own thread; every UI touch hops to the FX
 * thread. Exits the app when done, successful or not.
 */
final class ScreenshotTour {
    private static final String PLAN = "/notes/plan.md";
    private static final String PLAN_TEXT = """
            # Launch plan

            ## This week
            - finish the desktop client: editor, chat, files
            - failover drill on Thursday: kill the leader while everyone types
            - write the release notes

            ## Owners
            - editor and presence: alice
            - cluster and chaos runs: bob
            - docs and screenshots: carol
            """;

    static final String PASSWORD = "screenshot-tour";
    private final ConcordApp.Workbench w;
    private final Path dir;

    private ScreenshotTour(ConcordApp.Workbench w, Path dir) {
        this.w = w;
        this.dir = dir;
    }

    /** Makes sure {@code user} has an account and a saved session, so the app opens signed in. */
    static SavedSessions.Saved signIn(Main main, String user) {
        String name = user != null ? user : "alice";
        var client = main.ctx.client();
        try {
            dev.concord.client.session.Accounts.signup(client, name, PASSWORD);
        } catch (ConcordException e) {
            // taken: an earlier tour made it
        }
        var in = dev.concord.client.session.Accounts.login(client, name, PASSWORD);
        main.ctx.sessions().save(in.name(), in.token());
        return new SavedSessions.Saved(in.name(), in.token());
    }

    static void start(ConcordApp.Workbench w, Path dir) {
        Thread t = new Thread(() -> {
            try {
                new ScreenshotTour(w, dir).run();
            } catch (Throwable e) {
                System.err.println("screenshot tour failed: " + e);
                e.printStackTrace();
            } finally {
                Platform.exit();
            }
        }, "screenshot-tour");
        t.setDaemon(true);
        t.start();
    }

    private void run() throws Exception {
        var client = w.context().client();
        for (String p : new String[] {PLAN, "/notes/standup.txt", "/design/raft.md", "/design/presence.md", "/README.txt"}) {
            try {
                client.write(new Write.DocCreate(p));
            } catch (ConcordException e) {
                // already there from an earlier run
            }
        }
        uploadSample(client);
        try (TourBot bob = new TourBot(client.nodes(), "bob", PLAN);
             TourBot carol = new TourBot(client.nodes(), "carol", PLAN)) {
            if (bob.doc().text().isEmpty()) {
                bob.doc().insert(0, PLAN_TEXT);
            }
            AtomicReference<EditorView> editor = new AtomicReference<>();
            fx(() -> editor.set(w.window().openDocument(PLAN)));
            await("the editor opens", () -> editor.get().model().session() != null
                    && editor.get().area().getLength() >= PLAN_TEXT.length());
            fx(() -> {
                var area = editor.get().area();
                int at = area.getText().indexOf("- write the release notes") + "- write the release notes".length();
                area.moveTo(at);
                area.insertText(at, " (draft in /notes/release.md)");
                area.requestFocus();
            });
            int line = bob.find("- failover drill");
            bob.type(line + "- failover drill on Thursday".length(), " at 10:00", 40);
            int word = carol.find("release notes");
            carol.select(word, word + "release notes".length());
            await("both collaborators' carets show", () -> editor.get().model().carets().size() == 2);

            chatScene(bob, carol);
            Thread.sleep(400);
            shot("main.png");

            fx(w::toggleTheme);
            Thread.sleep(300);
            shot("main-dark.png");
            fx(w::toggleTheme);

            fx(() -> editor.get().slider().setValue(1));
            await("revision 1 shows", () -> editor.get().model().history().infoProperty().get().startsWith("revision 1 "));
            Thread.sleep(300);
            shot("history.png");
            fx(() -> editor.get().slider().setValue(editor.get().slider().getMax()));

            failover(bob);
        }
    }

    /** A file beside the documents: a small CSV of failover timings, uploaded through the log like any file. */
    private void uploadSample(dev.concord.client.net.ClusterClient client) throws Exception {
        Path local = java.nio.file.Files.createTempFile("concord-tour-", ".csv");
        try {
            StringBuilder csv = new StringBuilder("run,kill_ms,first_write_ms,lost\n");
            java.util.Random rnd = new java.util.Random(7);
            for (int i = 1; i <= 400; i++) {
                csv.append(i).append(',').append(1000 + rnd.nextInt(50)).append(',').append(1150 + rnd.nextInt(600)).append(",0\n");
            }
            java.nio.file.Files.writeString(local, csv);
            try {
                client.write(new Write.File(new dev.concord.protocol.files.FileOp.MakeFolder("/data", "alice")));
            } catch (ConcordException e) {
                // there from an earlier run
            }
            new dev.concord.client.session.FileTransfer(client, "alice").upload(local, "/data/failover-timings.csv", null, (d, t) -> { });
        } finally {
            java.nio.file.Files.deleteIfExists(local);
        }
    }

    /** #general with a few messages (one typed in the app), bob typing, and an unread direct message from carol. */
    private void chatScene(TourBot bob, TourBot carol) throws Exception {
        bob.chat().join("general").join();
        carol.chat().join("general").join();
        fx(() -> w.chat().select("#general"));
        await("alice is in #general", () -> w.chat().selectedProperty().get() != null && !w.chat().hasOlderProperty().get());
        bob.say("#general", "Failover drill at 10:00: keep typing while I kill the leader.");
        carol.say("#general", "Screenshots go in docs/screenshots; the script makes them.");
        fx(() -> w.chat().send("Editor is ready: your carets follow every edit, even mid-failover."));
        await("alice's message is committed", () -> w.chat().items().stream().anyMatch(i -> i.own() && i.id() > 0));
        bob.say("#general", "Nice. Cluster panel can kill -9 the leader now too.");
        carol.say("alice", "Can you review /design/presence.md today?");
        carol.say("alice", "It explains why carets never touch the log.");
        await("carol's messages are unread", () -> w.chat().rows().stream().anyMatch(r -> r.with().equalsIgnoreCase("carol") && r.unread() == 2));
        for (int i = 0; i < 3; i++) {
            bob.chat().typing("#general");
            Thread.sleep(300);
        }
        await("bob shows as typing", () -> !w.chat().typingProperty().get().isEmpty());
    }

    /** Kills the leader from the cluster panel while bob types, and shows the panel mid-election. */
    private void failover(TourBot bob) throws Exception {
        fx(() -> w.window().showCluster());
        await("the panel knows the leader", () -> leaderRow() >= 0);
        int row = fxGet(this::leaderRow);
        int leaderId = fxGet(() -> clusterTable().getItems().get(row).node().id());
        fx(() -> clusterTable().getSelectionModel().select(row));
        Thread typing = new Thread(() -> {
            try {
                bob.type(bob.find("## Owners") - 1, "- drill done: no edit lost\n", 120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        typing.start();
        Thread.sleep(300);
        fx(() -> ((javafx.scene.control.Button) w.window().lookup("#node-kill")).fire());
        await("the panel shows the leader down", () -> {
            var rows = clusterTable().getItems();
            return rows.stream().anyMatch(r -> r.node().id() == leaderId && r.status() == null);
        });
        // Best effort: catch the status bar mid-election (it may already have reconnected).
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until && !fxGet(() -> w.window().statusBar().stateLabel().getText().contains("reconnecting")
                || w.status().summaryProperty().get().startsWith("no leader"))) {
            Thread.sleep(50);
        }
        shot("failover.png");
        typing.join();
        w.context().local().start(leaderId);
        await("a new leader", () -> leaderRow() >= 0);
    }

    @SuppressWarnings("unchecked")
    private javafx.scene.control.TableView<dev.concord.client.ui.StatusViewModel.NodeRow> clusterTable() {
        return (javafx.scene.control.TableView<dev.concord.client.ui.StatusViewModel.NodeRow>) w.window().lookup("#cluster-table");
    }

    private int leaderRow() {
        var rows = clusterTable().getItems();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).status() != null && rows.get(i).status().role().equals("LEADER")) {
                return i;
            }
        }
        return -1;
    }

    private void shot(String name) {
        fx(() -> Snapshots.save(w.stage().getScene(), dir.resolve(name)));
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!fxGet(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what + " (chat says: "
                        + fxGet(() -> w.chat().messageProperty().get()) + "; folder says: "
                        + fxGet(() -> w.folder().messageProperty().get()) + ")");
            }
            Thread.sleep(100);
        }
    }

    interface FxAction {
        void run() throws Exception;
    }

    static void fx(FxAction a) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                a.run();
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        done.join();
    }

    static <T> T fxGet(java.util.function.Supplier<T> s) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(s.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.join();
    }
}
