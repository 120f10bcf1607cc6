package dev.concord.client.ui;

import dev.concord.client.net.ConnectionState;
import dev.concord.client.session.CaretChannel;
import dev.concord.client.session.DocumentListener;
import dev.concord.client.session.DocumentSession;
import dev.concord.ot.Component;
import dev.concord.ot.Selection;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.presence.Caret;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open document: binds a {@link TextSurface} to a {@link DocumentSession} and shares carets.
 *
 * <p>Threading: the session's inbox is the FX thread, so remote revisions, acknowledgements and
 * local keystrokes are all handled there, one after another: the surface and the session's text
 * never differ by a change in flight. Every surface change is reported to the session except the
 * ones this class makes itself ({@link #applying}).
 *
 * <p>Undo belongs to the session (own edits only, transformed past remote ones); the control's
 * undo manager is off, and Ctrl+Z / Ctrl+Y come here.
 */
public final class EditorViewModel implements AutoCloseable {
    /** A collaborator's caret placed in the local text. */
    public record PlacedCaret(String clientId, String user, Selection at) {
    }

    private final UiContext ctx;
    private final TextSurface surface;
    private final StringProperty path = new SimpleStringProperty();
    private final SaveState saved = new SaveState();
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ObservableList<PlacedCaret> carets = FXCollections.observableArrayList();
    /** One wrapper, kept: a wrapper made per call forwards changes only until it is collected. */
    private final ObservableList<PlacedCaret> caretsView = FXCollections.unmodifiableObservableList(carets);
    private final HistoryViewModel history;
    private DocumentSession session;
    private CaretChannel channel;
    private List<Caret> rawCarets = List.of();
    private boolean applying;
    private boolean closed;

    public EditorViewModel(UiContext ctx, String path, TextSurface surface) {
        this.ctx = ctx;
        this.surface = surface;
        this.path.set(path);
        this.history = new HistoryViewModel(ctx, this.path);
    }

    // Properties

    public ReadOnlyStringProperty pathProperty() {
        return path;
    }

    /** Where the user's edits stand with the cluster. */
    public SaveState saved() {
        return saved;
    }

    /** The latest revision incorporated: the history slider's end. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    public ObservableList<PlacedCaret> carets() {
        return caretsView;
    }

    public HistoryViewModel history() {
        return history;
    }

    /** The session once open (null before), for tests and the close guard. */
    public DocumentSession session() {
        return session;
    }

    // Commands

    /** Opens the session off the FX thread; the surface gets the text on the FX thread. */
    public CompletableFuture<DocumentSession> open() {
        CompletableFuture<DocumentSession> f = ctx.io(() -> DocumentSession.open(ctx.client(), path.get(), listener, ctx.fx()));
        f.whenComplete((s, err) -> ctx.fx().execute(() -> {
            if (err != null) {
                saved.failed("could not open " + path.get() + ": " + UiContext.messageOf(err)
                        + "; check the status bar, then close the tab and open it again");
            } else if (closed) {
                s.close();
            } else {
                bind(s);
            }
        }));
        return f;
    }

    private void bind(DocumentSession s) {
        session = s;
        history.bind(s.id());
        applying = true;
        try {
            surface.reset(s.text());
        } finally {
            applying = false;
        }
        revision.set(s.revision());
        channel = new CaretChannel(ctx.client().carets(), s, ctx.user(), ctx.token(),
                list -> ctx.fx().execute(() -> {
                    rawCarets = list;
                    placeCarets();
                }));
        channel.moved(surface.selection());
        saved.update(session, null);
        ctx.client().addConnectionListener(connection);
    }

    private final ConnectionState.Listener connection = this::connectionChanged;

    /** A feed problem while nothing was pending clears when the client reaches the cluster again. */
    private void connectionChanged(ConnectionState.Change c) {
        ctx.fx().execute(() -> {
            if (!closed && saved.kindProperty().get() == SaveState.Kind.OFFLINE && c.state() == ConnectionState.CONNECTED) {
                saved.update(session, null);
            }
        });
    }

    /** The user changed the text in the control: {@code removed} at {@code pos} became {@code inserted}. */
    public void localEdit(int pos, String removed, String inserted) {
        if (applying || session == null) {
            return;
        }
        String before = session.text();
        if (pos + removed.length() > before.length() || !before.startsWith(removed, pos)) {
            heal();
            return;
        }
        TextOperation.Builder b = TextOperation.builder().retain(pos);
        if (!removed.isEmpty()) {
            b.delete(removed.length());
        }
        if (!inserted.isEmpty()) {
            b.insert(inserted);
        }
        TextOperation op = b.retain(before.length() - pos - removed.length()).build();
        try {
            session.apply(op);
        } catch (IllegalArgumentException | ConcordException e) {
            heal(); // half a surrogate pair, or a stopped session: the session's text is the truth
        }
        placeCarets();
        saved.update(session, null);
        // The control may report the caret before the text change; this is the caret that goes with it.
        caretMoved(surface.selection());
    }

    /**
     * The local caret or selection moved. A selection beyond the session's text belongs to a text
     * change not reported yet; {@link #localEdit} publishes the caret again once it is.
     */
    public void caretMoved(Selection local) {
        if (channel != null && !applying && session.failure() == null && local.end() <= session.text().length()) {
            channel.moved(local);
        }
    }

    public boolean undo() {
        return step(true);
    }

    public boolean redo() {
        return step(false);
    }

    private boolean step(boolean undo) {
        if (session == null || session.failure() != null) {
            return false;
        }
        boolean did = undo ? session.undo() : session.redo();
        saved.update(session, null);
        return did;
    }

    private final DocumentListener listener = new DocumentListener() {
        @Override
        public void textChanged(Change change) {
            if (session == null || change.origin() == Origin.LOCAL) {
                return; // before bind the surface gets the whole text; local changes are already in it
            }
            apply(change.op(), change.origin() != Origin.REMOTE);
            revision.set(change.revision());
            placeCarets();
            saved.update(session, null);
        }

        @Override
        public void acknowledged(int rev, long seq) {
            if (session != null) {
                revision.set(Math.max(revision.get(), rev));
                saved.update(session, null);
            }
        }

        @Override
        public void renamed(String newPath) {
            path.set(newPath);
        }

        @Override
        public void trouble(ConcordException problem) {
            saved.update(session, problem);
        }

        @Override
        public void failed(ConcordException reason) {
            saved.failed(reason.getMessage());
        }
    };

    /**
     * Applies {@code op} (which fits the surface's current text) component by component. For a
     * remote op the local selection is then set to its own transform through the op: the control
     * keeps it on its characters except for an insert exactly at the caret, which it would push
     * the caret past, as if typed here.
     */
    private void apply(TextOperation op, boolean own) {
        Selection before = own ? null : surface.selection();
        applying = true;
        try {
            int at = 0;
            for (Component c : op.components()) {
                if (c instanceof Component.Retain r) {
                    at += r.length();
                } else if (c instanceof Component.Insert i) {
                    replace(at, at, i.text(), own);
                    at += i.text().length();
                } else {
                    replace(at, at + c.length(), "", own);
                }
            }
            if (before != null) {
                Selection after = before.transform(op, false);
                if (!after.equals(surface.selection())) {
                    surface.select(after);
                }
            }
        } finally {
            applying = false;
        }
        if (surface.length() != session.text().length()) {
            heal();
        }
    }

    private void replace(int start, int end, String text, boolean own) {
        if (own) {
            surface.replaceOwn(start, end, text);
        } else {
            surface.replaceRemote(start, end, text);
        }
    }

    /** Makes the surface show the session's text again after a change it could not take. */
    private void heal() {
        applying = true;
        try {
            surface.reset(session.text());
        } finally {
            applying = false;
        }
    }

    private void placeCarets() {
        if (session == null) {
            return;
        }
        List<PlacedCaret> placed = new ArrayList<>();
        for (Caret c : rawCarets) {
            session.localSelection(c).ifPresent(s -> placed.add(new PlacedCaret(c.clientId(), c.user(), s)));
        }
        if (!placed.equals(carets)) {
            carets.setAll(placed);
        }
    }

    /** Stops sharing the caret and following the document. Call {@link DocumentSession#isSynchronized()} first. */
    @Override
    public void close() {
        closed = true;
        ctx.client().removeConnectionListener(connection);
        if (channel != null) {
            channel.close();
        }
        if (session != null) {
            session.close();
        }
    }
}
