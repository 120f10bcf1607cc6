package dev.concord.client.ui;

import dev.concord.client.cli.Results;
import dev.concord.client.net.Subscription;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The shared folder: the document tree, kept fresh by the event feed, and the commands that
 * create, rename and delete documents. Calls run off the FX thread; results and errors land in the
 * properties through {@link UiContext#fx()}.
 */
public final class FolderViewModel implements AutoCloseable {
    private static final long RETRY_MS = 2_000;
    private final UiContext ctx;
    private final ObjectProperty<FolderTree.Node> root = new SimpleObjectProperty<>(FolderTree.build(java.util.List.of()));
    private final StringProperty message = new SimpleStringProperty("");
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile Subscription feed;
    private volatile boolean closed;

    public FolderViewModel(UiContext ctx) {
        this.ctx = ctx;
    }

    // Properties

    public ReadOnlyObjectProperty<FolderTree.Node> rootProperty() {
        return root;
    }

    /** The outcome of the last command, or what went wrong and what to do about it. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    // Commands

    /**
     * Loads the list, then follows the feed from the index it was read at. A failed first load
     * (no leader yet, an overloaded node) is retried every {@link #RETRY_MS} until it works.
     */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        attemptStart(started);
        return started;
    }

    private void attemptStart(CompletableFuture<Void> started) {
        load().whenComplete((index, err) -> {
            if (closed) {
                started.cancel(false);
            } else if (err != null) {
                say("could not list documents (" + UiContext.messageOf(err) + "); retrying every "
                        + RETRY_MS / 1000 + " s");
                CompletableFuture.delayedExecutor(RETRY_MS, TimeUnit.MILLISECONDS).execute(() -> attemptStart(started));
            } else {
                feed = ctx.client().subscribe(index, this::onEvent, e -> { });
                started.complete(null);
            }
        });
    }

    public CompletableFuture<Void> refresh() {
        CompletableFuture<Void> f = load().thenAccept(index -> { });
        f.whenComplete((v, err) -> {
            if (err != null) {
                say("could not list documents (" + UiContext.messageOf(err) + "); press F5 to try again");
            }
        });
        return f;
    }

    private CompletableFuture<Long> load() {
        return ctx.io(() -> (Response.DocList) ctx.client().read(new Query.DocList(null)))
                .thenApply(list -> {
                    FolderTree.Node tree = FolderTree.build(list.docs());
                    ctx.fx().execute(() -> {
                        root.set(tree);
                        if (message.get().startsWith("could not list")) {
                            message.set("");
                        }
                    });
                    return list.index();
                });
    }

    /** Created, renamed and deleted documents change the tree; edits do not. */
    private void onEvent(Event e) {
        Event.Change c = e.change();
        boolean shape = c instanceof Event.DocCreated || c instanceof Event.DocRenamed || c instanceof Event.DocDeleted;
        if (shape && refreshQueued.compareAndSet(false, true)) {
            // Coalesces a burst of events into one reload.
            CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(() -> {
                refreshQueued.set(false);
                if (!closed) {
                    refresh();
                }
            });
        }
    }

    public CompletableFuture<Result.DocCreated> create(String path) {
        return command(() -> Results.expect(ctx.client().write(new Write.DocCreate(path)), Result.DocCreated.class),
                r -> "created " + r.path(), "could not create " + path);
    }

    public CompletableFuture<Result.DocRenamed> rename(String from, String to) {
        return command(() -> Results.expect(ctx.client().write(new Write.DocRename(from, to)), Result.DocRenamed.class),
                r -> "renamed " + r.from() + " to " + r.to(), "could not rename " + from);
    }

    public CompletableFuture<Result.DocDeleted> delete(String path) {
        return command(() -> Results.expect(ctx.client().write(new Write.DocDelete(path)), Result.DocDeleted.class),
                r -> "deleted " + r.path(), "could not delete " + path);
    }

    private <T> CompletableFuture<T> command(java.util.concurrent.Callable<T> call, java.util.function.Function<T, String> ok,
                                             String failed) {
        CompletableFuture<T> f = ctx.io(call);
        f.whenComplete((r, err) -> {
            if (err != null) {
                say(failed + ": " + UiContext.messageOf(err));
            } else {
                say(ok.apply(r));
                refresh();
            }
        });
        return f;
    }

    private void say(String text) {
        ctx.fx().execute(() -> message.set(text));
    }

    @Override
    public void close() {
        closed = true;
        Subscription f = feed;
        if (f != null) {
            f.close();
        }
    }
}
