package dev.concord.client.ui;

import dev.concord.client.net.ConnectionState;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Bottom bar: connection state (connected / reconnecting / no quorum) with the node in use and
 * the reason, then leader, term, commit index and round trip, then the last action's outcome.
 */
public final class StatusBarView extends HBox {
    private final Label state = new Label();
    private final Label reason = new Label();
    private final Label summary = new Label();
    private final Label message = new Label();

    public StatusBarView(StatusViewModel model) {
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("status-bar");
        state.setId("connection-state");
        reason.setId("connection-reason");
        reason.getStyleClass().add("text-muted");
        reason.setMaxWidth(360);
        summary.setId("cluster-summary");
        message.setId("status-message");
        message.setMinWidth(0);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(state, reason, summary, grow, message);
        summary.textProperty().bind(model.summaryProperty());
        model.connectionProperty().addListener((obs, old, now) -> show(now));
        show(model.connectionProperty().get());
    }

    private void show(ConnectionState.Change c) {
        if (c == null) {
            return;
        }
        String text = switch (c.state()) {
            case CONNECTED -> "● connected to " + c.node();
            case CONNECTING -> "○ connecting";
            case RECONNECTING -> "◐ reconnecting";
            case NO_QUORUM -> "✕ no quorum";
            case CLOSED -> "closed";
        };
        state.setText(text);
        state.getStyleClass().setAll("label", "state-" + c.state().name().toLowerCase().replace('_', '-'));
        String why = c.reason() == null ? "" : c.reason();
        reason.setText(c.state() == ConnectionState.NO_QUORUM ? why + " — start nodes (Cluster tab) or wait" : why);
        reason.setTooltip(new Tooltip(why));
    }

    /** A transient message (an action's outcome). */
    public void say(String text) {
        message.setText(text);
        message.setTooltip(new Tooltip(text));
    }

    public Label stateLabel() {
        return state;
    }
}
