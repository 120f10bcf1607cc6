package dev.concord.client.ui;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The sign-in card shown before the main window: servers, name, password, Log in (Enter) and Sign
 * up. Errors stay on screen under the buttons until the next attempt.
 */
public final class LoginView extends StackPane {
    private final TextField servers = new TextField();
    private final TextField name = new TextField();
    private final PasswordField password = new PasswordField();

    public LoginView(LoginViewModel model, Consumer<LoginViewModel.Login> signedIn) {
        getStyleClass().add("login-view");
        Label title = new Label("Concord");
        title.getStyleClass().add("title-1");
        Label subtitle = new Label("Documents, chat and files that survive a server crash");
        subtitle.getStyleClass().add("text-muted");

        servers.setId("login-servers");
        servers.setPromptText("host:port, host:port, …");
        servers.textProperty().bindBidirectional(model.serversProperty());
        name.setId("login-name");
        name.setPromptText("letters, digits, _ . -");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.focusedProperty().addListener((o, had, has) -> {
            if (!has) {
                model.nameChosen();
            }
        });
        password.setId("login-password");
        password.setPromptText("8 characters or more");
        password.textProperty().bindBidirectional(model.passwordProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Servers"), servers);
        form.addRow(1, new Label("Name"), name);
        form.addRow(2, new Label("Password"), password);
        servers.setPrefColumnCount(28);

        Button login = new Button("Log in");
        login.setId("login-button");
        login.setDefaultButton(true);
        login.getStyleClass().add("accent");
        Button signup = new Button("Sign up");
        signup.setId("signup-button");
        login.disableProperty().bind(model.busyProperty());
        signup.disableProperty().bind(model.busyProperty());
        login.setOnAction(e -> model.login().thenAccept(l -> FxExecutor.PLATFORM.execute(() -> signedIn.accept(l))));
        signup.setOnAction(e -> model.signup().thenAccept(l -> FxExecutor.PLATFORM.execute(() -> signedIn.accept(l))));
        HBox buttons = new HBox(8, login, signup);

        Label message = new Label();
        message.setId("login-message");
        message.setWrapText(true);
        message.setMaxWidth(420);
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("login-message");

        VBox card = new VBox(14, title, subtitle, form, buttons, message);
        card.setPadding(new Insets(28));
        card.setMaxSize(480, USE_PREF_SIZE);
        card.getStyleClass().add("login-card");
        setAlignment(Pos.CENTER);
        getChildren().add(card);
        javafx.application.Platform.runLater(() -> (name.getText().isEmpty() ? name : password).requestFocus());
    }
}
