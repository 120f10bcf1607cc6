package dev.concord.client.ui;

import dev.concord.client.session.DocumentSession;
import dev.concord.protocol.ConcordException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where one editor's edits stand with the cluster, for the indicator on its tab, derived from the
 * session after every change, acknowledgement and problem. FAILED is final.
 */
public final class SaveState {
    /** The states, in the words the indicator uses. */
    public enum Kind { LOADING, SAVED, SENDING, OFFLINE, FAILED }

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.LOADING);
    private final StringProperty detail = new SimpleStringProperty("opening…");

    public ReadOnlyObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** What the state means right now, and what to do when it is bad news. */
    public ReadOnlyStringProperty detailProperty() {
        return detail;
    }

    /** Recomputes from {@code session}; {@code trouble} is a problem just reported, or null. */
    void update(DocumentSession session, ConcordException trouble) {
        if (session == null || kind.get() == Kind.FAILED) {
            return;
        }
        if (session.failure() != null) {
            set(Kind.FAILED, session.failure().getMessage());
        } else if (trouble != null) {
            set(Kind.OFFLINE, (session.isSynchronized() ? "every edit is saved; live updates paused: "
                    : "your edits are kept here and will be sent once a leader answers: ") + trouble.getMessage());
        } else if (session.isSynchronized()) {
            set(Kind.SAVED, "every edit is committed on a majority of nodes (revision " + session.revision() + ")");
        } else {
            set(Kind.SENDING, "sending to the leader; waiting for a majority to store it");
        }
    }

    void failed(String why) {
        set(Kind.FAILED, why);
    }

    private void set(Kind k, String text) {
        kind.set(k);
        detail.set(text);
    }
}
