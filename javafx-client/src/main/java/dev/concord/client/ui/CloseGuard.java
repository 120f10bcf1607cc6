package dev.concord.client.ui;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Never lose work by closing: an editor whose edits are not yet committed on a majority asks
 * before it goes. The edits are kept and re-sent while the window stays open, so "wait" is the
 * default; closing anyway is the user's explicit choice.
 */
final class CloseGuard {
    private CloseGuard() {
    }

    static boolean mayClose(List<EditorView> editors, Window owner) {
        long pending = editors.stream().map(e -> e.model().session())
                .filter(s -> s != null && s.failure() == null && !s.isSynchronized()).count();
        if (pending == 0) {
            return true;
        }
        ButtonType wait = new ButtonType("Keep open and keep sending", javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType close = new ButtonType("Close and lose them", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.WARNING, pending + " document(s) have edits no majority has stored yet (the cluster"
                + " may have no leader right now: see the status bar). Keep the window open and they are sent as soon as a"
                + " leader answers.", wait, close);
        a.setHeaderText("Unsaved edits");
        a.initOwner(owner);
        return a.showAndWait().filter(b -> b == close).isPresent();
    }
}
