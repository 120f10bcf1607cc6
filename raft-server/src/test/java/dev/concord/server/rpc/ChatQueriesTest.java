package dev.concord.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.server.auth.Tokens;
import dev.concord.server.feed.Presence;
import dev.concord.server.state.ChatReader;
import dev.concord.server.state.ReplicatedState;
import dev.concord.server.state.RocksStore;
import dev.concord.server.state.StateReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-local half of reads: require_auth, per-session feed pages, presence and typing. */
class ChatQueriesTest {
    @TempDir
    Path tmp;
    RocksStore store;
    ReplicatedState state;
    ChatReader reader;
    long index;

    @BeforeEach
    void open() {
        store = RocksStore.openEmpty(tmp.resolve("db"));
        state = new ReplicatedState(store, 86_400_000L);
        reader = new ChatReader(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Result apply(String token, Write op) {
        Result r = state.apply(new Command.Entry(Command.VERSION, List.of(new Command(Command.VERSION, "c" + index, 1,
                1_000, op, Tokens.hash(token)))), ++index).get(0);
        state.commit();
        return r;
    }

    /** Creates a user whose token is "token-NAME". */
    private String user(String name) {
        apply(null, new Write.Chat(new ChatOp.CreateAccount(name, "c2FsdA==", 1000, "aGFzaA==")));
        String token = "token-" + name;
        long account = reader.credentials(name, 0).account();
        apply(null, new Write.Chat(new ChatOp.OpenSession(name, account, Tokens.hash(token))));
        return token;
    }

    private static Response serve(ChatQueries q, ChatQuery query, String token) {
        AtomicReference<Response> out = new AtomicReference<>();
        q.serve(query, token, read -> out.set(read.get()), out::set);
        return out.get();
    }

    @Test
    void requireAuthClosesPlainReadsToCallersWithoutALiveSession() {
        String alice = user("alice");
        ChatQueries open = new ChatQueries(reader, new Presence(), false);
        ChatQueries strict = new ChatQueries(reader, new Presence(), true);
        open.checkPlain(null);
        strict.checkPlain(alice);
        assertThatThrownBy(() -> strict.checkPlain(null)).isInstanceOf(ConcordException.class)
                .hasMessageContaining("require_auth = true").hasMessageContaining("user login");
        assertThatThrownBy(() -> strict.checkPlain("made-up")).isInstanceOf(ConcordException.class);
    }

    @Test
    void feedPagesAreFilteredForTheSessionAndMarkItOnline() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        long before = index;
        apply(alice, new Write.Chat(new ChatOp.Send("bob", "psst")));
        apply(null, new Write.Cas("k", null, "v"));
        Response.EventPage page = new StateReader(store).events(before, 100);
        Presence presence = new Presence();
        ChatQueries q = new ChatQueries(reader, presence, false);
        List<Response> got = new ArrayList<>();
        q.feed(bob, 10_000, got::add).accept(page);
        q.feed(carol, 10_000, got::add).accept(page);
        q.feed(null, 10_000, got::add).accept(page);
        assertThat(((Response.EventPage) got.get(0)).events()).hasSize(2);
        assertThat(((Response.EventPage) got.get(1)).events()).extracting(Event::change)
                .singleElement().isInstanceOf(Event.RegisterChanged.class);
        assertThat(((Response.EventPage) got.get(2)).events()).hasSize(1);
        assertThat(((Response.EventPage) got.get(0)).last()).isEqualTo(page.last());
        assertThat(presence.isOnline("bob")).isTrue();
        assertThat(presence.isOnline("alice")).isFalse();

        ChatQueries strict = new ChatQueries(reader, presence, true);
        got.clear();
        apply(bob, new Write.Chat(new ChatOp.Logout(false)));
        strict.feed(bob, 10_000, got::add).accept(page);
        assertThat(got).singleElement().isInstanceOf(Response.Failure.class)
                .satisfies(r -> assertThat(((Response.Failure) r).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void typingShowsOnlyInTheConversationsOfTheAskerEvenBeforeTheirFirstMessage() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        Presence presence = new Presence();
        ChatQueries q = new ChatQueries(reader, presence, false);
        serve(q, new ChatQuery.Ping("bob"), alice);
        ChatReply.Presence atBob = (ChatReply.Presence) ((Response.Chat) serve(q, new ChatQuery.Ping(null), bob)).reply();
        assertThat(atBob.online()).containsExactly("alice", "bob");
        assertThat(atBob.typing()).singleElement().satisfies(t -> assertThat(t.user()).isEqualTo("alice"));
        ChatReply.Presence atCarol = (ChatReply.Presence) ((Response.Chat) serve(q, new ChatQuery.Ping(null), carol)).reply();
        assertThat(atCarol.typing()).isEmpty();
        ChatReply.Presence atAlice = (ChatReply.Presence) ((Response.Chat) serve(q, new ChatQuery.Ping(null), alice)).reply();
        assertThat(atAlice.typing()).as("nobody is told about their own typing").isEmpty();
        ChatReply.Users users = (ChatReply.Users) ((Response.Chat) serve(q, new ChatQuery.Users("?a*"), bob)).reply();
        assertThat(users.users()).extracting(ChatReply.User::name, ChatReply.User::online)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("carol", true));
        assertThatThrownBy(() -> serve(q, new ChatQuery.Ping("#nowhere"), alice)).isInstanceOf(ConcordException.class)
                .hasMessageContaining("no room #nowhere");
        assertThat(((ChatResult.Posted) ((Result.Chat) apply(bob, new Write.Chat(new ChatOp.Send("alice", "yo")))).value()).id())
                .isPositive();
    }
}
