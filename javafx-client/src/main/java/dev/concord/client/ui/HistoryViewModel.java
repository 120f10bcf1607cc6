package dev.concord.client.ui;

import dev.concord.client.cli.Results;
import dev.concord.protocol.DocRevision;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * Looking back through a document's revisions: {@link #view} fetches the text as it was at a
 * revision ({@code doc.at}) and who made that revision; {@link #restore} makes the document read
 * like that again, as a new revision everyone receives. Only the newest request's answer is shown,
 * so dragging the slider quickly never leaves an older text on screen.
 */
public final class HistoryViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UiContext ctx;
    private final ObservableStringValue path;
    /** -1 while the live text is shown. */
    private final IntegerProperty viewing = new SimpleIntegerProperty(-1);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty info = new SimpleStringProperty("");
    private long docId;
    private long request;

    HistoryViewModel(UiContext ctx, ObservableStringValue path) {
        this.ctx = ctx;
        this.path = path;
    }

    void bind(long id) {
        this.docId = id;
    }

    // Properties

    public ReadOnlyIntegerProperty viewingProperty() {
        return viewing;
    }

    /** The text at the revision viewed. */
    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    /** "revision 12 · alice · 2026-…", or why the revision could not be shown. */
    public ReadOnlyStringProperty infoProperty() {
        return info;
    }

    // Commands

    /** Shows revision {@code rev} (0 is the empty text before the first edit). */
    public CompletableFuture<Void> view(int rev) {
        long mine = ++request;
        viewing.set(rev);
        info.set("loading revision " + rev + "…");
        String p = path.get();
        return ctx.io(() -> {
            Response.DocText t = (Response.DocText) ctx.client().read(new Query.DocAt(p, rev));
            DocRevision line = rev == 0 ? null : ((Response.DocHistory) ctx.client().read(new Query.DocHistory(p, rev, 1)))
                    .revisions().stream().findFirst().orElse(null);
            return new Object[] {t, line};
        }).handle((r, err) -> {
            ctx.fx().execute(() -> {
                if (mine != request) {
                    return;
                }
                if (err != null) {
                    info.set("could not load revision " + rev + ": " + UiContext.messageOf(err) + "; try again");
                    return;
                }
                Response.DocText t = (Response.DocText) r[0];
                DocRevision line = (DocRevision) r[1];
                text.set(t.text());
                info.set(line == null ? "revision 0 · the empty document"
                        : "revision " + rev + " · " + who(line.author()) + " · " + TIME.format(Instant.ofEpochMilli(line.time()))
                        + " · +" + line.inserted() + " −" + line.deleted());
            });
            return null;
        });
    }

    /** A user name as is; an anonymous session id (no accounts) shortened to its first characters. */
    static String who(String author) {
        if (author == null) {
            return "unknown";
        }
        return author.matches("[sc]-[0-9a-f-]{36}") ? "session " + author.substring(0, 10) + "…" : author;
    }

    /** Back to the live text. */
    public void live() {
        request++;
        viewing.set(-1);
        info.set("");
    }

    /** Makes the document read as at the viewed revision again; the result arrives as a new revision. */
    public CompletableFuture<Result.DocCommitted> restore() {
        int rev = viewing.get();
        if (rev < 0 || docId == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("pick a revision on the history slider first"));
        }
        CompletableFuture<Result.DocCommitted> f = ctx.io(() -> Results.expect(
                ctx.client().write(new Write.DocRestore(docId, rev)), Result.DocCommitted.class));
        f.whenComplete((c, err) -> ctx.fx().execute(() -> {
            if (err != null) {
                info.set("could not restore revision " + rev + ": " + UiContext.messageOf(err) + "; try again");
            } else {
                live();
            }
        }));
        return f;
    }
}
