package dev.concord.client.ui;

import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The window's keyboard shortcuts (the editor adds Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z itself; the
 * folder tree takes Enter, F2 and Delete). Listed in one place so the help text and the bindings
 * cannot drift apart.
 */
final class Shortcuts {
    private Shortcuts() {
    }

    /** Shortcut → what it does, in menu order. */
    static final Map<String, String> HELP = new java.util.LinkedHashMap<>();

    static void install(Scene scene, ConcordApp.Workbench w) {
        MainWindow win = w.window();
        bind(scene, "Ctrl+N", "new document", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                () -> win.folder().newDocument());
        bind(scene, "Ctrl+W", "close tab", new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), win::closeSelectedTab);
        bind(scene, "F5", "refresh the folder", new KeyCodeCombination(KeyCode.F5), () -> w.folder().refresh());
        bind(scene, "Ctrl+L", "go to the folder", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                () -> win.folder().tree().requestFocus());
        bind(scene, "Ctrl+E", "go to the editor", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                () -> win.currentEditor().ifPresent(e -> e.area().requestFocus()));
        bind(scene, "Ctrl+Shift+K", "show the cluster panel",
                new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), win::showCluster);
        bind(scene, "Ctrl+Shift+T", "light/dark theme",
                new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), w::toggleTheme);
        bind(scene, "Ctrl+Q", "quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), w::quit);
    }

    private static void bind(Scene scene, String keys, String what, KeyCombination combo, Runnable action) {
        HELP.put(keys, what);
        scene.getAccelerators().put(combo, action);
    }
}
