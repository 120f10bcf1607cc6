package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Event;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what. Alice owns the resources: she is in room #r with a message there, and has a
 * direct conversation with carol. Each request runs on a fresh state as one of five callers.
 * Outcomes: {@code ok}, {@code hidden} (a feed event filtered out), or the refusal's error code.
 */
class ChatAuthorizationTest {
    enum Actor { OWNER, OTHER, LOGGED_OUT, NO_SESSION, DELETED }

    private static final String[] HEADER = {"owner", "other", "logged-out", "no session", "deleted"};
    private static final String U = "UNAUTHORIZED";
    private static final String[][] TABLE = {
        //  request                          owner  other        logged-out no session deleted
        {"send to #r",                       "ok",  U,           U,         U,         U},
        {"send a direct message to carol",   "ok",  "ok",        U,         U,         U},
        {"edit alice's message in #r",       "ok",  "NOT_FOUND", U,         U,         U},
        {"delete alice's message in #r",     "ok",  "NOT_FOUND", U,         U,         U},
        {"edit alice's message to carol",    "ok",  "NOT_FOUND", U,         U,         U},
        {"read #r history",                  "ok",  U,           U,         U,         U},
        {"read alice-carol history",         "ok",  U,           U,         U,         U},
        {"mark #r read",                     "ok",  U,           U,         U,         U},
        {"leave #r",                         "ok",  "NOT_FOUND", U,         U,         U},
        {"join #r",                          "ok",  "ok",        U,         U,         U},
        {"take own inbox",                   "ok",  "ok",        U,         U,         U},
        {"list users",                       "ok",  "ok",        U,         U,         U},
        {"list rooms",                       "ok",  "ok",        U,         U,         U},
        {"list own conversations",           "ok",  "ok",        U,         U,         U},
        {"see alice's direct message on the feed", "ok", "hidden", U,       "hidden",  U},
        {"delete alice's account",           "ok",  U,           U,         U,         U},
        {"log out",                          "ok",  "ok",        U,         U,         U},
        {"cas naming the session",           "ok",  "ok",        U,         "ok",      U},
    };

    /** The state every case starts from, and handles on it. */
    private record World(ChatFixture f, long alice, long roomMessage, long directMessage, String directConv,
                         long directIndex) {
    }

    private static final Map<String, Function<World, Function<String, String>>> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("send to #r", w -> s -> write(w, s, new ChatOp.Send("#r", "x")));
        REQUESTS.put("send a direct message to carol", w -> s -> write(w, s, new ChatOp.Send("carol", "x")));
        REQUESTS.put("edit alice's message in #r", w -> s -> write(w, s, new ChatOp.Edit(w.roomMessage(), "x")));
        REQUESTS.put("delete alice's message in #r", w -> s -> write(w, s, new ChatOp.Delete(w.roomMessage())));
        REQUESTS.put("edit alice's message to carol", w -> s -> write(w, s, new ChatOp.Edit(w.directMessage(), "x")));
        REQUESTS.put("read #r history", w -> s -> read(() -> w.f().reader.history(s, new ChatQuery.History("#r", 0, 0, 10))));
        REQUESTS.put("read alice-carol history",
                w -> s -> read(() -> w.f().reader.history(s, new ChatQuery.History(w.directConv(), 0, 0, 10))));
        REQUESTS.put("mark #r read", w -> s -> write(w, s, new ChatOp.MarkRead("#r", w.roomMessage())));
        REQUESTS.put("leave #r", w -> s -> write(w, s, new ChatOp.LeaveRoom("r")));
        REQUESTS.put("join #r", w -> s -> write(w, s, new ChatOp.JoinRoom("r")));
        REQUESTS.put("take own inbox", w -> s -> write(w, s, new ChatOp.TakeInbox(10)));
        REQUESTS.put("list users", w -> s -> read(() -> w.f().reader.users(s, "*", name -> false)));
        REQUESTS.put("list rooms", w -> s -> read(() -> w.f().reader.rooms(s)));
        REQUESTS.put("list own conversations", w -> s -> read(() -> w.f().reader.conversations(s)));
        REQUESTS.put("see alice's direct message on the feed", w -> s -> read(() -> {
            List<Event> page = w.f().events(w.directIndex() - 1);
            return w.f().reader.visible(page, s, false).isEmpty() ? "hidden" : "ok";
        }));
        REQUESTS.put("delete alice's account", w -> s -> write(w, s, new ChatOp.RemoveAccount(w.alice())));
        REQUESTS.put("log out", w -> s -> write(w, s, new ChatOp.Logout(false)));
        REQUESTS.put("cas naming the session", w -> s -> outcome(w.f().entry(List.of(new Command(Command.VERSION,
                "plain", 1, w.f().time, new Write.Cas("k", null, "v"), s))).get(0)));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        assertThat(REQUESTS.keySet()).containsExactlyElementsOf(Stream.of(TABLE).map(row -> row[0]).toList());
        for (String[] row : TABLE) {
            for (Actor a : Actor.values()) {
                out.add(Arguments.of(row[0], HEADER[a.ordinal()], a, row[1 + a.ordinal()]));
            }
        }
        return out.stream();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @MethodSource("cases")
    void matrix(String request, String column, Actor actor, String expected) {
        try (ChatFixture f = new ChatFixture(tmp.resolve("db"))) {
            World w = world(f);
            String session = switch (actor) {
                case OWNER -> f.sessions.get("alice");
                case OTHER -> f.sessions.get("bob");
                case NO_SESSION -> null;
                case LOGGED_OUT -> {
                    String s = f.sessions.get("alice");
                    ChatFixture.ok(f.as("alice", new ChatOp.Logout(false)));
                    yield s;
                }
                case DELETED -> {
                    String s = f.sessions.get("alice");
                    ChatFixture.ok(f.as("alice", new ChatOp.RemoveAccount(f.account("alice"))));
                    yield s;
                }
            };
            assertThat(REQUESTS.get(request).apply(w).apply(session)).as("%s as %s", request, column).isEqualTo(expected);
        }
    }

    private static World world(ChatFixture f) {
        f.user("alice");
        f.user("bob");
        f.user("carol");
        f.ok("alice", new ChatOp.JoinRoom("r"));
        long inRoom = f.send("alice", "#r", "alice in #r");
        long direct = f.send("alice", "carol", "alice to carol");
        long directIndex = f.index;
        return new World(f, f.account("alice"), inRoom, direct,
                ChatStore.dmConv(f.account("alice"), f.account("carol")), directIndex);
    }

    private static String write(World w, String session, ChatOp op) {
        return outcome(w.f().apply(session, op));
    }

    private static String outcome(Result r) {
        return r instanceof Result.Rejected rej ? rej.code().name() : "ok";
    }

    private static String read(java.util.function.Supplier<Object> body) {
        try {
            Object v = body.get();
            return v instanceof String s ? s : "ok";
        } catch (ConcordException e) {
            return e.code().name();
        }
    }
}
