package dev.concord.client.ui;

import dev.concord.ot.Selection;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * One editor tab: the document's path, its save state and collaborators on top, a code area with
 * line numbers and collaborators' carets in the middle, the history slider at the bottom. Moving
 * the slider off the end shows that revision read-only, with Restore and Live beside it.
 */
public final class EditorView extends BorderPane {
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO_SHIFT = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final CodeArea area = new CodeArea();
    private final CodeArea preview = new CodeArea();
    private final EditorViewModel model;
    private final RemoteCaretsLayer remote;
    private final Slider slider = new Slider(0, 1, 1);

    public EditorView(UiContext ctx, String path) {
        getStyleClass().add("editor-view");
        area.setId("editor-area");
        area.getStyleClass().add("concord-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.setWrapText(false);
        model = new EditorViewModel(ctx, path, new CodeAreaSurface(area));
        remote = new RemoteCaretsLayer(area);

        area.plainTextChanges().subscribe(ch -> model.localEdit(ch.getPosition(), ch.getRemoved(), ch.getInserted()));
        area.caretPositionProperty().addListener((o, a, b) -> model.caretMoved(new Selection(area.getAnchor(), area.getCaretPosition())));
        area.selectionProperty().addListener((o, a, b) -> model.caretMoved(new Selection(area.getAnchor(), area.getCaretPosition())));
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (UNDO.match(e)) {
                model.undo();
                e.consume();
            } else if (REDO.match(e) || REDO_SHIFT.match(e)) {
                model.redo();
                e.consume();
            }
        });
        model.carets().addListener((javafx.collections.ListChangeListener<EditorViewModel.PlacedCaret>) c -> remote.show(model.carets()));
        model.saved().kindProperty().addListener((o, a, now) -> area.setEditable(now != SaveState.Kind.FAILED));

        preview.setId("history-preview");
        preview.getStyleClass().addAll("concord-editor", "history-preview");
        preview.setEditable(false);
        preview.setParagraphGraphicFactory(LineNumberFactory.get(preview));
        StackPane live = new StackPane(new VirtualizedScrollPane<>(area), remote.overlay());
        StackPane old = new StackPane(new VirtualizedScrollPane<>(preview));
        model.history().textProperty().addListener((o, a, text) -> preview.replaceText(text));
        model.history().viewingProperty().addListener((o, a, rev) -> setCenter(rev.intValue() < 0 ? live : old));
        setCenter(live);
        setTop(header());
        setBottom(historyBar());
    }

    private HBox header() {
        Label path = new Label();
        path.setId("editor-path");
        path.getStyleClass().add("text-bold");
        path.textProperty().bind(model.pathProperty());
        HBox people = new HBox(4);
        people.setId("editor-people");
        model.carets().addListener((javafx.collections.ListChangeListener<EditorViewModel.PlacedCaret>) c -> {
            people.getChildren().clear();
            model.carets().stream().map(EditorViewModel.PlacedCaret::user).distinct().forEach(u -> {
                Label chip = new Label(u);
                chip.getStyleClass().add("person-chip");
                chip.setStyle("-fx-background-color: " + UserColors.web(u) + ";");
                people.getChildren().add(chip);
            });
        });
        Label saved = new Label();
        saved.setId("save-state");
        saved.textProperty().bind(Bindings.createStringBinding(() -> switch (model.saved().kindProperty().get()) {
            case LOADING -> "… opening";
            case SAVED -> "✓ saved on a majority";
            case SENDING -> "↻ sending…";
            case OFFLINE -> "⚠ offline: edits kept";
            case FAILED -> "✕ stopped";
        }, model.saved().kindProperty()));
        model.saved().kindProperty().addListener((o, a, s) -> saved.getStyleClass().setAll("label", "save-" + s.name().toLowerCase()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.saved().detailProperty());
        saved.setTooltip(tip);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, path, people, grow, saved);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4, 8, 4, 8));
        return top;
    }

    private HBox historyBar() {
        slider.setId("history-slider");
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label info = new Label("live");
        info.setId("history-info");
        info.setMinWidth(120);
        info.setMaxWidth(330);
        slider.setMinWidth(160);
        Button restore = new Button("Restore");
        restore.setId("history-restore");
        restore.setTooltip(new Tooltip("Make the document read like this revision again (a new revision; nothing is lost)"));
        Button back = new Button("Live");
        back.setId("history-live");
        restore.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        back.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        restore.disableProperty().bind(model.history().viewingProperty().lessThan(0));
        back.disableProperty().bind(model.history().viewingProperty().lessThan(0));
        restore.setOnAction(e -> model.history().restore());
        back.setOnAction(e -> {
            model.history().live();
            slider.setValue(slider.getMax());
        });
        // The slider's end is the live text; following new revisions only while it sits there.
        model.revisionProperty().addListener((o, a, rev) -> {
            boolean atEnd = model.history().viewingProperty().get() < 0;
            slider.setMax(Math.max(1, rev.intValue()));
            if (atEnd) {
                slider.setValue(slider.getMax());
            }
        });
        slider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                pick();
            }
        });
        slider.valueProperty().addListener((o, a, b) -> {
            if (!slider.isValueChanging()) {
                pick();
            }
        });
        info.textProperty().bind(Bindings.createStringBinding(() -> model.history().viewingProperty().get() < 0
                ? "live · revision " + model.revisionProperty().get() : model.history().infoProperty().get(),
                model.history().viewingProperty(), model.history().infoProperty(), model.revisionProperty()));
        Label title = new Label("History");
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        info.setTooltip(new Tooltip());
        info.getTooltip().textProperty().bind(info.textProperty());
        HBox bar = new HBox(8, title, slider, info, restore, back);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("history-bar");
        return bar;
    }

    private void pick() {
        int rev = (int) Math.round(slider.getValue());
        if (rev >= model.revisionProperty().get()) {
            if (model.history().viewingProperty().get() >= 0) {
                model.history().live();
            }
        } else if (rev != model.history().viewingProperty().get()) {
            model.history().view(rev);
        }
    }

    public EditorViewModel model() {
        return model;
    }

    public CodeArea area() {
        return area;
    }

    public Slider slider() {
        return slider;
    }
}
