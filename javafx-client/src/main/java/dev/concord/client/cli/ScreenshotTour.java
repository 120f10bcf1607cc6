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

    private final ConcordApp.Workbench w;
    private final Path dir;

    private ScreenshotTour(ConcordApp.Workbench w, Path dir) {
        this.w = w;
        this.dir = dir;
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
            Thread.sleep(400);
            fx(() -> Snapshots.save(w.stage().getScene(), dir.resolve("main.png")));
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!fxGet(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
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
