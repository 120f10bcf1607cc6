package dev.concord.client.ui;

import dev.concord.client.cli.SavedSessions;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.Accounts;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.ChatRules;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Sign-in: servers (from cluster.conf, or remembered for the name, or typed), name and password;
 * log in, or sign up and then log in. A login's session is saved where {@code bin/concord user}
 * keeps it, so the CLI and the app share it. Every failure ends up in {@link #messageProperty()}
 * saying what to do. The network work runs on {@code pool}; results land through {@code fx}.
 */
public final class LoginViewModel {
    /** A signed-in user and the client that talks to the servers they chose. */
    public record Login(String user, String token, ClusterClient client) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", token=(hidden)]";
        }
    }

    private final ClusterClient initial;
    private final Function<List<NodeAddress>, ClusterClient> connect;
    private final SavedSessions sessions;
    private final ServerList servers;
    private final FxExecutor fx;
    private final ExecutorService pool;
    private final StringProperty serverText = new SimpleStringProperty();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public LoginViewModel(ClusterClient initial, Function<List<NodeAddress>, ClusterClient> connect, SavedSessions sessions,
                          ServerList servers, String user, FxExecutor fx, ExecutorService pool) {
        this.initial = initial;
        this.connect = connect;
        this.sessions = sessions;
        this.servers = servers;
        this.fx = fx;
        this.pool = pool;
        String who = user != null ? user : servers.lastUser().orElse("");
        name.set(who);
        serverText.set(servers.remembered(who).orElse(ServerList.format(initial.nodes())));
    }

    // Properties (name, password and servers are edited by the view)

    public StringProperty serversProperty() {
        return serverText;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    // Commands

    /** The user picked another name: offer the servers remembered for it. */
    public void nameChosen() {
        servers.remembered(name.get().trim()).ifPresent(serverText::set);
    }

    public CompletableFuture<Login> login() {
        return run(false);
    }

    public CompletableFuture<Login> signup() {
        return run(true);
    }

    /** Uses a saved session if it still works; otherwise the dialog asks. */
    public CompletableFuture<Login> resume(SavedSessions.Saved saved) {
        ClusterClient client = initial;
        busy.set(true);
        message.set("resuming the session of " + saved.user() + "…");
        return CompletableFuture.supplyAsync(() -> {
            client.read(new Query.Chat(new ChatQuery.Conversations()), saved.token());
            return finish(client, saved.user(), saved.token());
        }, pool).whenComplete((l, err) -> fx.execute(() -> {
            busy.set(false);
            if (err != null) {
                message.set(UiContext.messageOf(err).contains("session") || isCode(err, ErrorCode.UNAUTHORIZED)
                        ? "your saved session has ended; log in again" : explain(err, client.nodes()));
            }
        }));
    }

    private CompletableFuture<Login> run(boolean signup) {
        String user = name.get().trim();
        String pw = password.get();
        List<NodeAddress> nodes;
        try {
            ChatRules.userName("name", user);
            if (signup) {
                ChatRules.password(pw);
            }
            nodes = ServerList.parse(serverText.get());
        } catch (ConcordException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        busy.set(true);
        message.set(signup ? "creating " + user + "…" : "logging in…");
        ClusterClient client = nodes.equals(initial.nodes()) ? initial : connect.apply(nodes);
        return CompletableFuture.supplyAsync(() -> {
            if (signup) {
                Accounts.signup(client, user, pw);
            }
            ChatResult.LoggedIn in = Accounts.login(client, user, pw);
            servers.remember(in.name(), nodes);
            return finish(client, in.name(), in.token());
        }, pool).whenComplete((l, err) -> fx.execute(() -> {
            busy.set(false);
            if (err != null) {
                message.set(explain(err, nodes));
                if (client != initial) {
                    client.close();
                }
            } else {
                password.set("");
                message.set("");
            }
        }));
    }

    private Login finish(ClusterClient client, String user, String token) {
        sessions.save(user, token);
        client.useSession(token);
        return new Login(user, token, client);
    }

    private static boolean isCode(Throwable err, ErrorCode code) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        return t instanceof ConcordException c && c.code() == code;
    }

    /** The server's refusals already say what to do; an unreachable cluster gets advice here. */
    static String explain(Throwable err, List<NodeAddress> nodes) {
        if (isCode(err, ErrorCode.NO_QUORUM) || isCode(err, ErrorCode.UNAVAILABLE) || isCode(err, ErrorCode.TIMEOUT)) {
            return "no cluster answered at " + ServerList.format(nodes) + ". Check the addresses, or start the"
                    + " cluster with bin/concord up (details: " + UiContext.messageOf(err) + ")";
        }
        return UiContext.messageOf(err);
    }
}
