package dev.concord.server.state;

import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.server.auth.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a real {@link ReplicatedState} on RocksDB with account and chat commands, one log entry
 * at a time, the way the leader would propose them (password work already done: apply never sees it).
 */
final class ChatFixture implements AutoCloseable {
    static final long START = 1_700_000_000_000L;

    final RocksStore store;
    final ReplicatedState state;
    final ChatReader reader;
    long index;
    long time = START;
    private final Map<String, Long> seqs = new HashMap<>();
    /** Token hash of each user's latest session. */
    final Map<String, String> sessions = new HashMap<>();
    private int tokens;

    ChatFixture(Path dir) {
        this.store = RocksStore.openEmpty(dir);
        this.state = new ReplicatedState(store, 86_400_000L);
        this.reader = new ChatReader(store);
    }

    /** A command as the leader makes it: next seq of {@code client}, current time, the session hash. */
    Command cmd(String client, String session, ChatOp op) {
        long seq = seqs.merge(client, 1L, Long::sum);
        return new Command(Command.VERSION, client, seq, time, new Write.Chat(op), session);
    }

    /** Applies one entry and commits it, as one onApply batch would. */
    List<Result> entry(List<Command> commands) {
        List<Result> r = state.apply(new Command.Entry(Command.VERSION, commands), ++index);
        state.commit();
        return r;
    }

    Result as(String user, ChatOp op) {
        return apply(sessions.get(user), op);
    }

    Result apply(String session, ChatOp op) {
        return entry(List.of(cmd("client-" + session, session, op))).get(0);
    }

    ChatResult ok(String user, ChatOp op) {
        return ok(as(user, op));
    }

    static ChatResult ok(Result r) {
        if (r instanceof Result.Chat c) {
            return c.value();
        }
        throw new AssertionError("expected success, got " + r);
    }

    static ErrorCode code(Result r) {
        return r instanceof Result.Rejected rej ? rej.code() : null;
    }

    Result signup(String name) {
        return apply(null, new ChatOp.CreateAccount(name, "c2FsdA==", 1000, "aGFzaA=="));
    }

    /** Opens a new session for {@code name} and makes it the user's current one. */
    String login(String name) {
        String hash = Tokens.hash("token-" + (++tokens));
        long account = reader.credentials(name, time).account();
        Result r = apply(null, new ChatOp.OpenSession(name, account, hash));
        ok(r);
        sessions.put(name, hash);
        return hash;
    }

    String user(String name) {
        signup(name);
        return login(name);
    }

    long send(String from, String to, String text) {
        return ((ChatResult.Posted) ok(from, new ChatOp.Send(to, text))).id();
    }

    long account(String name) {
        return reader.credentials(name, time).account();
    }

    /** All events of entries after {@code after}, unfiltered. */
    List<Event> events(long after) {
        return new StateReader(store).events(after, 10_000).events();
    }

    static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (ConcordException e) {
            return e.code();
        }
    }

    String digest() {
        return new StateReader(store).digest().sha256();
    }

    List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        store.scan(Keys.bytes(prefix), ChatKeys.end(Keys.bytes(prefix)), (k, v) -> out.add(new String(k)));
        return out;
    }

    @Override
    public void close() {
        store.close();
    }
}
