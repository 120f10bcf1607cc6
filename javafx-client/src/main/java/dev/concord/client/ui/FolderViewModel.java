package dev.concord.client.ui;

import dev.concord.client.cli.Results;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.net.Subscription;
import dev.concord.client.session.FileDownload;
import dev.concord.client.session.FileTransfer;
import dev.concord.client.session.TextFiles;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The shared folder: folders, documents and files, kept fresh by the event feed, and the commands
 * on them (new document or folder, move, delete to the trash, upload, download). Calls run off the
 * FX thread; results and errors land in the properties through {@link UiContext#fx()}.
 */
public final class FolderViewModel implements AutoCloseable {
    private static final long RETRY_MS = 2_000;

    private final UiContext ctx;
    private final ObjectProperty<FolderTree.Node> root = new SimpleObjectProperty<>(FolderTree.build(Map.of()));
    private final StringProperty message = new SimpleStringProperty("");
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile Subscription feed;
    private volatile boolean closed;
    private ClusterClient transfers;

    public FolderViewModel(UiContext ctx) {
        this.ctx = ctx;
    }

    // Properties

    public ReadOnlyObjectProperty<FolderTree.Node> rootProperty() {
        return root;
    }

    /** The outcome of the last command or transfer, or what went wrong and what to do about it. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    // Commands

    /**
     * Loads the tree, then follows the feed from the index it was read at. A failed first load
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
                say("could not list the shared folder (" + UiContext.messageOf(err) + "); retrying every "
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
                say("could not list the shared folder (" + UiContext.messageOf(err) + "); press F5 to try again");
            }
        });
        return f;
    }

    /** Lists "/" and every folder under it; the log index of the first listing, to follow the feed from. */
    private CompletableFuture<Long> load() {
        return ctx.io(() -> {
            Map<String, List<FileEntry>> listings = new HashMap<>();
            ArrayDeque<String> dirs = new ArrayDeque<>(List.of("/"));
            long index = -1;
            while (!dirs.isEmpty()) {
                String dir = dirs.poll();
                Response.File r = (Response.File) ctx.client().read(new Query.File(new FileQuery.List(dir)));
                index = index < 0 ? r.index() : Math.min(index, r.index());
                List<FileEntry> entries = ((FileReply.Listing) r.value()).entries();
                listings.put(dir, entries);
                entries.stream().filter(e -> FileEntry.FOLDER.equals(e.kind())).forEach(e -> dirs.add(e.path()));
            }
            FolderTree.Node tree = FolderTree.build(listings);
            ctx.fx().execute(() -> {
                root.set(tree);
                if (message.get().startsWith("could not list")) {
                    message.set("");
                }
            });
            return index;
        });
    }

    /** Changes to the tree's shape refresh it; document edits do not. */
    private void onEvent(Event e) {
        Event.Change c = e.change();
        boolean shape = c instanceof Event.File || c instanceof Event.DocCreated || c instanceof Event.DocRenamed
                || c instanceof Event.DocDeleted;
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

    public CompletableFuture<Result.DocCreated> createDocument(String path) {
        return command(() -> Results.expect(ctx.client().write(new Write.DocCreate(path)), Result.DocCreated.class),
                r -> "created " + r.path(), "could not create " + path);
    }

    public CompletableFuture<Result.File> createFolder(String path) {
        return file(new FileOp.MakeFolder(path, ctx.user()), "created folder " + path, "could not create folder " + path);
    }

    /** Moves or renames a folder (with everything in it), a document or a file. */
    public CompletableFuture<Result.File> move(String from, String to) {
        return file(new FileOp.Move(from, to), "moved " + from + " to " + to, "could not move " + from);
    }

    /** Moves an entry to the trash (bin/concord file trash restores it). */
    public CompletableFuture<Result.File> delete(String path) {
        return file(new FileOp.Delete(path, ctx.user()), "moved " + path + " to the trash", "could not delete " + path);
    }

    /** Uploads {@code local} as {@code path} (a new version if it exists), reporting progress. */
    public CompletableFuture<Void> upload(Path local, String path) {
        return transfer(() -> {
            new FileTransfer(transferClient(), ctx.user()).upload(local, path, null, progress("uploading " + path));
            return "uploaded " + path;
        }, "could not upload " + local.getFileName());
    }

    /** Downloads a file's head version, or a document's text, to {@code local}. */
    public CompletableFuture<Void> download(FolderTree.Node node, Path local) {
        return transfer(() -> {
            if (node.isDocument()) {
                TextFiles.exportText(ctx.client(), node.path(), local, true);
            } else {
                new FileDownload(transferClient()).download(node.path(), 0, local, true, progress("downloading " + node.path()));
            }
            return "saved " + node.path() + " to " + local;
        }, "could not download " + node.path());
    }

    private FileTransfer.Progress progress(String what) {
        long[] lastPercent = {-1};
        return (done, total) -> {
            long percent = total == 0 ? 100 : done * 100 / total;
            if (percent != lastPercent[0]) {
                lastPercent[0] = percent;
                say(what + ": " + percent + "% of " + FolderTree.size(total));
            }
        };
    }

    /** A client of its own for transfers: a window of chunks in flight must not queue ahead of typing. */
    private synchronized ClusterClient transferClient() {
        if (transfers == null) {
            transfers = ClusterClient.connect(ctx.client().nodes(), FileTransfer.clientOptions());
            transfers.useSession(ctx.token());
        }
        return transfers;
    }

    private CompletableFuture<Void> transfer(java.util.concurrent.Callable<String> work, String failed) {
        CompletableFuture<String> f = ctx.io(work);
        f.whenComplete((done, err) -> say(err != null ? failed + ": " + UiContext.messageOf(err) : done));
        return f.thenAccept(s -> { });
    }

    private CompletableFuture<Result.File> file(FileOp op, String ok, String failed) {
        return command(() -> Results.expect(ctx.client().write(new Write.File(op)), Result.File.class), r -> ok, failed);
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
    public synchronized void close() {
        closed = true;
        Subscription f = feed;
        if (f != null) {
            f.close();
        }
        if (transfers != null) {
            transfers.close();
        }
    }
}
