package dev.concord.client.ui;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.fxmisc.richtext.Caret;
import org.fxmisc.richtext.CaretNode;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.SelectionImpl;

/**
 * Collaborators' carets drawn into a {@link CodeArea}: a caret and a translucent selection in the
 * user's colour (extra RichTextFX carets and selections), and the user's name in a tag just above
 * the caret, on a mouse-transparent overlay. Positions come from {@link EditorViewModel}, which has
 * carried them through every edit; this class only draws them.
 */
final class RemoteCaretsLayer {
    private record Marks(CaretNode caret, SelectionImpl<Collection<String>, String, Collection<String>> selection, Label tag) {
    }

    private final CodeArea area;
    private final Pane overlay = new Pane();
    private final Map<String, Marks> shown = new HashMap<>();

    RemoteCaretsLayer(CodeArea area) {
        this.area = area;
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);
        overlay.getStyleClass().add("remote-carets");
        // Tags follow scrolling, resizing and reflow: recompute them whenever the viewport changes.
        area.viewportDirtyEvents().subscribe(x -> relayout());
        area.estimatedScrollYProperty().addListener((o, a, b) -> relayout());
        overlay.layoutBoundsProperty().addListener((o, a, b) -> relayout());
    }

    Pane overlay() {
        return overlay;
    }

    void show(List<EditorViewModel.PlacedCaret> carets) {
        Map<String, EditorViewModel.PlacedCaret> now = new HashMap<>();
        carets.forEach(c -> now.put(c.clientId(), c));
        shown.keySet().removeIf(id -> {
            if (now.containsKey(id)) {
                return false;
            }
            remove(shown.get(id));
            return true;
        });
        int length = area.getLength();
        for (EditorViewModel.PlacedCaret c : carets) {
            Marks m = shown.computeIfAbsent(c.clientId(), id -> add(c));
            int head = Math.min(c.at().head(), length);
            m.caret().moveTo(head);
            m.selection().selectRange(Math.min(c.at().start(), length), Math.min(c.at().end(), length));
            m.tag().setText(c.user());
        }
        relayout();
    }

    private Marks add(EditorViewModel.PlacedCaret c) {
        Color color = UserColors.of(c.user());
        String web = UserColors.web(c.user());
        CaretNode caret = new CaretNode("remote-" + c.clientId(), area, Math.min(c.at().head(), area.getLength()));
        // Shown whether or not the area has focus, steady rather than blinking.
        caret.setShowCaret(Caret.CaretVisibility.ON);
        caret.setBlinkRate(Duration.INDEFINITE);
        caret.getStyleClass().add("remote-caret");
        caret.setStyle("-fx-stroke: " + web + "; -fx-stroke-width: 2;");
        area.addCaret(caret);
        Color fill = Color.color(color.getRed(), color.getGreen(), color.getBlue(), 0.25);
        SelectionImpl<Collection<String>, String, Collection<String>> sel = new SelectionImpl<>("remote-sel-" + c.clientId(), area,
                path -> {
                    path.setHighlightFill(fill);
                    path.setStyle("-fx-fill: " + toRgba(fill) + ";");
                });
        area.addSelection(sel);
        Label tag = new Label(c.user());
        tag.getStyleClass().add("caret-tag");
        tag.setStyle("-fx-background-color: " + web + ";");
        tag.setManaged(false);
        overlay.getChildren().add(tag);
        return new Marks(caret, sel, tag);
    }

    private static String toRgba(Color c) {
        return String.format("rgba(%d,%d,%d,%.2f)", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255), c.getOpacity());
    }

    private void remove(Marks m) {
        area.removeCaret(m.caret());
        area.removeSelection(m.selection());
        overlay.getChildren().remove(m.tag());
    }

    private void relayout() {
        for (Marks m : shown.values()) {
            Optional<Bounds> screen = area.getCaretBoundsOnScreen(m.caret());
            Bounds local = screen.map(overlay::screenToLocal).orElse(null);
            boolean visible = local != null && local.getMinY() >= -2 && local.getMaxY() <= overlay.getHeight() + 2;
            m.tag().setVisible(visible);
            if (visible) {
                m.tag().autosize();
                double y = local.getMinY() - m.tag().getHeight();
                m.tag().relocate(Math.max(0, local.getMinX()), y < 0 ? local.getMaxY() : y);
            }
        }
    }

    void clear() {
        shown.values().forEach(this::remove);
        shown.clear();
    }
}
