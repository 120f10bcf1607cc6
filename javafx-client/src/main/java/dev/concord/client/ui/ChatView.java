package dev.concord.client.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The chat pane on the right: conversations with unread badges on top, the selected one's
 * messages below (own ones marked sending / ✓ sent / ✓✓ delivered / ✓✓ read), who is typing, and
 * the input. Scrolling to the top loads older messages; own messages have Edit and Delete.
 */
public final class ChatView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final ChatViewModel model;
    private final ListView<ChatViewModel.Row> conversations = new ListView<>();
    private final ListView<ChatConversation.Item> messages = new ListView<>();
    private final TextField input = new TextField();

    public ChatView(ChatViewModel model) {
        this.model = model;
        setId("chat-pane");
        getStyleClass().add("chat-view");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));

        Label title = new Label("Chat");
        title.getStyleClass().add("text-bold");
        Button add = new Button("+");
        add.setId("chat-new");
        add.getStyleClass().addAll("flat", "small");
        add.setTooltip(new Tooltip("Join a room (#name) or message a user"));
        add.setOnAction(e -> newConversation());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(4, title, grow, add);
        header.setAlignment(Pos.CENTER_LEFT);

        conversations.setId("chat-conversations");
        conversations.setItems(model.rows());
        conversations.setPrefHeight(150);
        conversations.setMinHeight(90);
        conversations.setCellFactory(l -> new ConversationCell());
        conversations.setFixedCellSize(30);
        conversations.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null && !row.with().equals(model.selectedProperty().get())) {
                model.select(row.with());
            }
        });
        // Rows are rebuilt whenever a count changes: keep the selected conversation highlighted.
        model.selectedProperty().addListener((o, a, with) -> highlightSelected());
        model.rows().addListener((javafx.collections.ListChangeListener<ChatViewModel.Row>) c -> highlightSelected());

        messages.setId("chat-messages");
        messages.getStyleClass().add("message-list");
        messages.setItems(model.items());
        messages.setCellFactory(l -> new MessageCell());
        messages.setFocusTraversable(false);
        VBox.setVgrow(messages, Priority.ALWAYS);
        model.items().addListener((javafx.collections.ListChangeListener<ChatConversation.Item>) c -> {
            boolean appended = false;
            while (c.next()) {
                appended |= c.wasAdded() && c.getTo() == model.items().size();
            }
            if (appended || model.items().size() <= 1) {
                messages.scrollTo(model.items().size() - 1);
            }
        });
        messages.skinProperty().addListener((o, a, skin) -> watchScrollTop());

        Label typing = new Label();
        typing.setId("chat-typing");
        typing.getStyleClass().add("chat-typing");
        typing.textProperty().bind(model.typingProperty());

        input.setId("chat-input");
        input.setPromptText("Message (Enter to send)");
        input.disableProperty().bind(model.selectedProperty().isNull());
        input.textProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                model.typed();
            }
        });
        input.setOnAction(e -> {
            if (model.send(input.getText())) {
                input.clear();
            }
        });
        Button send = new Button("Send");
        send.setId("chat-send");
        send.disableProperty().bind(input.disableProperty());
        send.setOnAction(e -> input.getOnAction().handle(e));
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox inputRow = new HBox(6, input, send);

        Label message = new Label();
        message.setId("chat-message");
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());

        getChildren().addAll(header, conversations, messages, typing, inputRow, message);
    }

    private void highlightSelected() {
        String with = model.selectedProperty().get();
        for (ChatViewModel.Row r : model.rows()) {
            if (r.with().equals(with) && conversations.getSelectionModel().getSelectedItem() != r) {
                conversations.getSelectionModel().select(r);
            }
        }
    }

    /** History loads on scroll: reaching the top asks for the page before the oldest message. */
    private void watchScrollTop() {
        javafx.application.Platform.runLater(() -> messages.lookupAll(".scroll-bar").forEach(n -> {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((o, a, v) -> {
                    if (v.doubleValue() <= bar.getMin() && model.hasOlderProperty().get()) {
                        model.loadOlder();
                    }
                });
            }
        }));
    }

    private void newConversation() {
        TextInputDialog d = new TextInputDialog("#general");
        d.setTitle("New conversation");
        d.setHeaderText("A room (#name: joined, or created if new) or a user's name (a direct message)");
        d.initOwner(getScene().getWindow());
        d.showAndWait().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(model::select);
    }

    public TextField input() {
        return input;
    }

    public ListView<ChatConversation.Item> messages() {
        return messages;
    }

    public ListView<ChatViewModel.Row> conversations() {
        return conversations;
    }

    private static final class ConversationCell extends ListCell<ChatViewModel.Row> {
        @Override
        protected void updateItem(ChatViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String name = row.document() ? "This document" : row.with();
            Label l = new Label(name);
            if (row.document()) {
                l.setTooltip(new Tooltip(row.with()));
                l.getStyleClass().add("text-italic");
            }
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox box = new HBox(6, l, grow);
            if (row.unread() > 0) {
                Label badge = new Label(String.valueOf(row.unread()));
                badge.getStyleClass().add("unread-badge");
                box.getChildren().add(badge);
            }
            setText(null);
            setGraphic(box);
        }
    }

    private final class MessageCell extends ListCell<ChatConversation.Item> {
        MessageCell() {
            setPrefWidth(0); // wrap to the list's width instead of widening it
        }

        @Override
        protected void updateItem(ChatConversation.Item item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            setContextMenu(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Label from = new Label(item.from());
            from.getStyleClass().add("chat-name");
            from.setStyle("-fx-text-fill: " + UserColors.web(item.from()) + ";");
            Label meta = new Label((item.time() > 0 ? TIME.format(Instant.ofEpochMilli(item.time())) : "")
                    + (item.edited() ? " · edited" : "") + (item.own() ? "  " + mark(item) : ""));
            meta.getStyleClass().add("chat-meta");
            Text text = new Text(item.deleted() ? "message deleted" : item.text());
            text.getStyleClass().add(item.deleted() ? "chat-deleted" : "chat-text");
            text.wrappingWidthProperty().bind(messages.widthProperty().subtract(48));
            VBox bubble = new VBox(2, new HBox(8, from, meta), text);
            bubble.getStyleClass().add("chat-bubble");
            if (item.own()) {
                bubble.getStyleClass().add("own");
            }
            if ("pending".equals(item.status())) {
                bubble.getStyleClass().add("pending");
            }
            if ("failed".equals(item.status())) {
                bubble.getStyleClass().add("failed");
                Tooltip.install(bubble, new Tooltip(item.error()));
            }
            bubble.maxWidthProperty().bind(messages.widthProperty().subtract(28));
            setGraphic(bubble);
            if (item.own() && item.id() > 0 && !item.deleted()) {
                MenuItem edit = new MenuItem("Edit…");
                edit.setOnAction(e -> {
                    TextInputDialog d = new TextInputDialog(item.text());
                    d.setTitle("Edit message");
                    d.setHeaderText(null);
                    d.initOwner(getScene().getWindow());
                    d.showAndWait().map(String::strip).filter(s -> !s.isEmpty() && !s.equals(item.text()))
                            .ifPresent(s -> model.edit(item, s));
                });
                MenuItem delete = new MenuItem("Delete");
                delete.setOnAction(e -> model.delete(item));
                setContextMenu(new ContextMenu(edit, delete));
            }
        }

        private String mark(ChatConversation.Item item) {
            return switch (item.status() == null ? "" : item.status()) {
                case "pending" -> "sending…";
                case "failed" -> "✕ not sent";
                case "delivered" -> "✓✓ delivered";
                case "read" -> "✓✓ read";
                default -> "✓ sent";
            };
        }
    }
}
