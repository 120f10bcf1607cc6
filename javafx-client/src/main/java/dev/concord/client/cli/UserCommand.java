package dev.concord.client.cli;

import dev.concord.client.session.Accounts;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatResult;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code concord user signup|login|logout|delete|ls}: accounts and the saved session. */
@Command(name = "user", mixinStandardHelpOptions = true, description = {"Accounts and sessions.",
    "Passwords are read from the terminal without echo, or one line from stdin with --password-stdin.",
    "A login's token is kept in a file only you can read; --as NAME picks whose session a command uses."})
final class UserCommand {
    @ParentCommand
    Main main;

    @Command(name = "signup", description = "Create account NAME (1-32 letters, digits, _ . -; password of 8+ chars).")
    int signup(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--password-stdin", description = "read the password from stdin") boolean stdin,
               @Option(names = "--json", description = "print one JSON object") boolean json) {
        String password = new PasswordInput(stdin, System.in).readNew(name);
        ChatResult.AccountCreated created = Accounts.signup(main.ctx.client(), name, password);
        if (json) {
            main.ctx.printJson(Map.of("user", created.name(), "created", true));
        } else {
            main.ctx.out.println("created user " + created.name() + "; log in with: bin/concord user login " + created.name());
        }
        return 0;
    }

    @Command(name = "login", description = "Log in as NAME and save the session for later commands.")
    int login(@Parameters(paramLabel = "NAME") String name,
              @Option(names = "--password-stdin", description = "read the password from stdin") boolean stdin,
              @Option(names = "--json", description = "print one JSON object") boolean json) {
        String password = new PasswordInput(stdin, System.in).read("Password for " + name + ": ");
        ChatResult.LoggedIn in = Accounts.login(main.ctx.client(), name, password);
        SavedSessions sessions = main.ctx.sessions();
        sessions.save(in.name(), in.token());
        if (json) {
            main.ctx.printJson(Map.of("user", in.name(), "session", sessions.file(in.name()).toString()));
        } else {
            main.ctx.out.println("logged in as " + in.name() + " (session saved in " + sessions.file(in.name()) + ")");
        }
        return 0;
    }

    @Command(name = "logout", description = {"End this session and forget it here.",
        "With --others, end every other session of the user instead and stay logged in."})
    int logout(@Option(names = "--others", description = "end the user's other sessions, keep this one") boolean others,
               @Option(names = "--json", description = "print one JSON object") boolean json) {
        SavedSessions.Saved s = main.ctx.session();
        Result r = main.ctx.write(new Write.Chat(new ChatOp.Logout(others)), s.token());
        int closed;
        if (!others && r instanceof Result.Rejected rej && rej.code() == ErrorCode.UNAUTHORIZED) {
            closed = 0; // ended elsewhere already; forgetting it here is all that is left
        } else {
            closed = expect(r, ChatResult.LoggedOut.class).closed();
        }
        if (!others) {
            main.ctx.sessions().remove(s.user());
        }
        if (json) {
            main.ctx.printJson(Map.of("user", s.user(), "closed", closed, "others", others));
        } else {
            main.ctx.out.println(others ? "ended " + closed + " other session(s) of " + s.user()
                    : "logged out " + s.user());
        }
        return 0;
    }

    @Command(name = "delete", description = {"Delete the account of the current session, after asking for its password.",
        "Sessions, room memberships and queued messages go; sent messages stay, shown as from a deleted user."})
    int delete(@Option(names = "--yes", description = "do not ask for confirmation") boolean yes,
               @Option(names = "--password-stdin", description = "read the password from stdin") boolean stdin,
               @Option(names = "--json", description = "print one JSON object") boolean json) {
        SavedSessions.Saved s = main.ctx.session();
        if (!yes && !PasswordInput.confirm("Delete account " + s.user() + " for good? Type its name to confirm: ", s.user())) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "not confirmed; nothing was deleted");
        }
        String password = new PasswordInput(stdin, System.in).read("Password for " + s.user() + ": ");
        Result r = main.ctx.write(new Write.Chat(new ChatOp.DeleteAccount(password)), s.token());
        ChatResult.AccountDeleted deleted = expect(r, ChatResult.AccountDeleted.class);
        main.ctx.sessions().remove(s.user());
        if (json) {
            main.ctx.printJson(Map.of("user", deleted.name(), "deleted", true));
        } else {
            main.ctx.out.println("deleted account " + deleted.name());
        }
        return 0;
    }

    @Command(name = "ls", description = "List users matching PATTERN (* and ?, case-insensitive; none: all) with online/offline.")
    int ls(@Parameters(paramLabel = "PATTERN", arity = "0..1") String pattern,
           @Option(names = "--json", description = "print one JSON object") boolean json) {
        SavedSessions.Saved s = main.ctx.session();
        Response r = main.ctx.client().read(new Query.Chat(new ChatQuery.Users(pattern)), s.token());
        ChatReply.Users users = (ChatReply.Users) ((Response.Chat) r).reply();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("users", users.users());
            main.ctx.printJson(out);
        } else {
            users.users().forEach(u -> main.ctx.out.println(u.name() + "\t" + (u.online() ? "online" : "offline")));
        }
        return 0;
    }

    static <T extends ChatResult> T expect(Result r, Class<T> type) {
        return Accounts.expect(r, type);
    }
}
