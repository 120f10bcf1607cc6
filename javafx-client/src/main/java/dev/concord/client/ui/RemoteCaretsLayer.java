package dev.concord.client.ui;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.fxmisc.richtext.Caret;
import org.fxmisc.richtext.CaretNode;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.SelectionImpl;

/**
 * Collaborators' carets drawn into a {@link CodeArea}: a translucent selection in the user's colour
 * (an extra RichTextFX selection), and on a mouse-transparent overlay a steady caret bar and the
 * user's name in a tag just above it. An extra RichTextFX caret, kept transparent, tracks where the
 * bar goes: its own drawing blinks, and a remote caret caught in the off phase looked absent. Positions come from {@link EditorViewModel}, which has
 * carried them through every edit; this class only draws them.
 */
final class RemoteCaretsLayer {
    private record Marks(CaretNode caret, SelectionImpl<Collection<String>, String, Collection<String>> selection, Region bar,
                         Label tag) {
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
        // The area lays out the moved carets in the next pulse; place the tags again after it.
        javafx.application.Platform.runLater(this::relayout);
    }

    private Marks add(EditorViewModel.PlacedCaret c) {
        Color color = UserColors.of(c.user());
        String web = UserColors.web(c.user());
        CaretNode caret = new CaretNode("remote-" + c.clientId(), area, Math.min(c.at().head(), area.getLength()));
        caret.setShowCaret(Caret.CaretVisibility.ON); // laid out (and so measurable) whether or not the area has focus
        caret.setOpacity(0);
        area.addCaret(caret);
        Color fill = Color.color(color.getRed(), color.getGreen(), color.getBlue(), 0.25);
        SelectionImpl<Collection<String>, String, Collection<String>> sel = new SelectionImpl<>("remote-sel-" + c.clientId(), area,
                path -> {
                    path.setHighlightFill(fill);
                    path.setStyle("-fx-fill: " + toRgba(fill) + ";");
                });
        area.addSelection(sel);
        Region bar = new Region();
        bar.getStyleClass().add("caret-bar");
        bar.setStyle("-fx-background-color: " + web + ";");
        bar.setManaged(false);
        Label tag = new Label(c.user());
        tag.getStyleClass().add("caret-tag");
        tag.setStyle("-fx-background-color: " + web + ";");
        tag.setManaged(false);
        overlay.getChildren().addAll(bar, tag);
        return new Marks(caret, sel, bar, tag);
    }

    private static String toRgba(Color c) {
        return String.format("rgba(%d,%d,%d,%.2f)", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255), c.getOpacity());
    }

    private void remove(Marks m) {
        area.removeCaret(m.caret());
        area.removeSelection(m.selection());
        overlay.getChildren().removeAll(m.bar(), m.tag());
    }

    private void relayout() {
        for (Marks m : shown.values()) {
            Optional<Bounds> screen = area.getCaretBoundsOnScreen(m.caret());
            Bounds local = screen.map(overlay::screenToLocal).orElse(null);
            boolean visible = local != null && local.getMinY() >= -2 && local.getMaxY() <= overlay.getHeight() + 2;
            m.tag().setVisible(visible);
            m.bar().setVisible(visible);
            if (visible) {
                m.bar().resizeRelocate(local.getMinX() - 1, local.getMinY(), 2, Math.max(12, local.getHeight()));
                m.tag().applyCss(); // a tag added since the last pulse has no size until styled
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
