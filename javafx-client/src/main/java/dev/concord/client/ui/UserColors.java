package dev.concord.client.ui;

import java.util.List;
import javafx.scene.paint.Color;

/**
 * The colour that marks a user's caret, selection and chat name: chosen from the name alone, so
 * every client shows the same person in the same colour without asking anyone.
 */
public final class UserColors {
    /** Distinct hues that read on light and dark backgrounds. */
    private static final List<Color> PALETTE = List.of(
            Color.web("#e5534b"), Color.web("#2f81f7"), Color.web("#3fb950"), Color.web("#d29922"),
            Color.web("#a371f7"), Color.web("#db61a2"), Color.web("#39c5cf"), Color.web("#f0883e"));

    private UserColors() {
    }

    public static Color of(String user) {
        int h = 0;
        for (int i = 0; i < user.length(); i++) {
            h = 31 * h + Character.toLowerCase(user.charAt(i));
        }
        return PALETTE.get(Math.floorMod(h, PALETTE.size()));
    }

    /** {@code #rrggbb}, for inline styles. */
    public static String web(String user) {
        Color c = of(user);
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
