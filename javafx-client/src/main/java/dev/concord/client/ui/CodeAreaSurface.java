package dev.concord.client.ui;

import dev.concord.ot.Selection;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;

/**
 * A RichTextFX {@link CodeArea} as a {@link TextSurface}. Remote changes go through the document
 * model ({@code getContent().replace}), which keeps the caret and selection on their characters;
 * the area's own {@code replaceText} would drag the caret to the change.
 */
final class CodeAreaSurface implements TextSurface {
    private final CodeArea area;

    CodeAreaSurface(CodeArea area) {
        this.area = area;
    }

    @Override
    public void reset(String text) {
        int caret = Math.min(area.getCaretPosition(), text.length());
        area.replaceText(text);
        area.moveTo(caret);
    }

    @Override
    public void replaceRemote(int start, int end, String text) {
        area.getContent().replace(start, end, ReadOnlyStyledDocument.fromString(text,
                area.getParagraphStyleForInsertionAt(start), area.getTextStyleForInsertionAt(start), area.getSegOps()));
    }

    @Override
    public void replaceOwn(int start, int end, String text) {
        area.replaceText(start, end, text);
        area.requestFollowCaret();
    }

    @Override
    public int length() {
        return area.getLength();
    }

    @Override
    public void select(Selection s) {
        area.selectRange(s.anchor(), s.head());
    }

    @Override
    public Selection selection() {
        return new Selection(area.getAnchor(), area.getCaretPosition());
    }
}
