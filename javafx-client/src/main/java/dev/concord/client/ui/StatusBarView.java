package dev.concord.client.ui;

import dev.concord.client.net.ConnectionState;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Bottom bar: connection state with its reason, leader, term, commit index and round trip. */
public final class StatusBarView extends HBox {
    private final Label state = new Label();
    private final Label summary = new Label();
    private final Label message = new Label();

    public StatusBarView(StatusViewModel model) {
        setSpacing(12);
        setPadding(new Insets(4, 8, 4, 8));
        state.setId("connection-state");
        summary.setId("cluster-summary");
        message.setId("status-message");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(state, summary, grow, message);
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
        state.getStyleClass().setAll("label", "state-" + c.state().name().toLowerCase());
        state.setTooltip(new javafx.scene.control.Tooltip(c.reason()));
    }

    /** A transient message (an action's outcome). */
    public void say(String text) {
        message.setText(text);
    }
}
