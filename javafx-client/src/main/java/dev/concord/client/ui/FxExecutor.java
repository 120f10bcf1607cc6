package dev.concord.client.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way back onto the JavaFX thread. View models take it as a dependency: the app injects
 * {@link #PLATFORM}, tests inject {@link #DIRECT} and run without a toolkit.
 */
public interface FxExecutor extends Executor {
    FxExecutor PLATFORM = command -> {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    };

    FxExecutor DIRECT = Runnable::run;
}
