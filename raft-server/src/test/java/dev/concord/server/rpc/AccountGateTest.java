package dev.concord.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.server.auth.Passwords;
import dev.concord.server.auth.Tokens;
import dev.concord.server.state.ChatReader;
import dev.concord.server.state.ReplicatedState;
import dev.concord.server.state.RocksStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's half: what reaches the log for each client write, and what the client gets back. */
class AccountGateTest {
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path tmp;
    RocksStore store;
    ReplicatedState state;
    AccountGate gate;
    long index;
    long seq;

    @BeforeEach
    void open() {
        store = RocksStore.openEmpty(tmp.resolve("db"));
        state = new ReplicatedState(store, 86_400_000L);
        gate = new AccountGate(new ChatReader(store), 1000, false);
    }

    @AfterEach
    void close() {
        gate.close();
        store.close();
    }

    private AccountGate.Admitted admit(ChatOp op, String token) {
        return gate.admit(new ClientWrite("c", ++seq, new Write.Chat(op), token));
    }

    /** Proposes an admitted write the way WriteProcessor does and returns the client's reply. */
    private Result propose(AccountGate.Admitted a) {
        Command cmd = new Command(Command.VERSION, "c", seq, System.currentTimeMillis(), a.op(), a.session());
        byte[] logged = Codec.encode(new Command.Entry(Command.VERSION, List.of(cmd)));
        assertThat(new String(logged, StandardCharsets.UTF_8)).as("the log entry").doesNotContain(PASSWORD);
        Result applied = state.apply(Codec.decode(logged, Command.Entry.class), ++index).get(0);
        state.commit();
        return a.finish().apply(applied);
    }

    private String login(String name, String password) {
        Result r = propose(admit(new ChatOp.Login(name, password), null));
        return ((ChatResult.LoggedIn) ((Result.Chat) r).value()).token();
    }

    @Test
    void signupStoresASaltedHashThatVerifiesAndNeverThePassword() {
        AccountGate.Admitted a = admit(new ChatOp.Signup("alice", PASSWORD), null);
        ChatOp.CreateAccount create = (ChatOp.CreateAccount) ((Write.Chat) a.op()).op();
        assertThat(Passwords.verify(PASSWORD, create.salt(), create.iterations(), create.hash())).isTrue();
        assertThat(Passwords.verify("wrong horse", create.salt(), create.iterations(), create.hash())).isFalse();
        ChatOp.CreateAccount other = (ChatOp.CreateAccount) ((Write.Chat) admit(new ChatOp.Signup("bob", PASSWORD), null).op()).op();
        assertThat(other.salt()).as("a fresh salt per account").isNotEqualTo(create.salt());
        assertThat(other.hash()).isNotEqualTo(create.hash());
        propose(a);
    }

    @Test
    void loginLogsOnlyTheTokenHashAndRepliesWithTheToken() {
        propose(admit(new ChatOp.Signup("alice", PASSWORD), null));
        AccountGate.Admitted a = admit(new ChatOp.Login("ALICE", PASSWORD), null);
        ChatOp.OpenSession open = (ChatOp.OpenSession) ((Write.Chat) a.op()).op();
        assertThat(open.name()).isEqualTo("alice");
        Result reply = propose(a);
        String token = ((ChatResult.LoggedIn) ((Result.Chat) reply).value()).token();
        assertThat(Tokens.hash(token)).isEqualTo(open.tokenHash());
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Codec.encode(a.op())).asString(StandardCharsets.UTF_8).doesNotContain(token);
        // A retry answered from the exactly-once table carries another attempt's session: no token to give.
        Result lost = a.finish().apply(new Result.Chat(new ChatResult.SessionOpened("alice", "00".repeat(32)), 9));
        assertThat(((Result.Rejected) lost).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(((Result.Rejected) lost).message()).contains("log in again");
        // The session works for the next write: the gate stamps its hash.
        AccountGate.Admitted join = admit(new ChatOp.JoinRoom("r"), token);
        assertThat(join.session()).isEqualTo(open.tokenHash());
        assertThat(propose(join)).isInstanceOf(Result.Chat.class);
    }

    @Test
    void unknownNameAndWrongPasswordLookTheSame() {
        propose(admit(new ChatOp.Signup("alice", PASSWORD), null));
        AccountGate.Admitted wrong = admit(new ChatOp.Login("alice", "not it at all"), null);
        AccountGate.Admitted unknown = admit(new ChatOp.Login("nobody", PASSWORD), null);
        assertThat(((Write.Chat) wrong.op()).op()).isEqualTo(new ChatOp.LoginFailed("alice"));
        assertThat(((Write.Chat) unknown.op()).op()).isEqualTo(new ChatOp.LoginFailed("nobody"));
        Result r1 = propose(wrong);
        Result r2 = propose(unknown);
        assertThat(r1).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) r1).code()).isEqualTo(((Result.Rejected) r2).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(((Result.Rejected) r1).message()).isEqualTo(((Result.Rejected) r2).message());
    }

    @Test
    void aLockedAccountIsRefusedBeforeAnyHashing() {
        propose(admit(new ChatOp.Signup("alice", PASSWORD), null));
        for (int i = 0; i < 5; i++) {
            propose(admit(new ChatOp.Login("alice", "bad guess " + i), null));
        }
        assertThatThrownBy(() -> admit(new ChatOp.Login("alice", PASSWORD), null))
                .isInstanceOf(ConcordException.class).hasMessageContaining("too many failed logins")
                .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void clientsCannotSendWhatOnlyTheLeaderMakes() {
        for (ChatOp op : List.of(new ChatOp.CreateAccount("eve", "c2FsdA==", 1, "aGFzaA=="),
                new ChatOp.OpenSession("alice", 1, "ab".repeat(32)), new ChatOp.LoginFailed("alice"),
                new ChatOp.RemoveAccount(1))) {
            assertThatThrownBy(() -> admit(op, "some token")).isInstanceOf(ConcordException.class)
                    .hasMessageContaining("made by the leader only")
                    .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
    }

    @Test
    void deletingAnAccountNeedsItsPasswordAgain() {
        propose(admit(new ChatOp.Signup("alice", PASSWORD), null));
        String token = login("alice", PASSWORD);
        Result wrong = propose(admit(new ChatOp.DeleteAccount("not the password"), token));
        assertThat(((Result.Rejected) wrong).message()).startsWith("wrong password; the account was not deleted");
        Result ok = propose(admit(new ChatOp.DeleteAccount(PASSWORD), token));
        assertThat(((Result.Chat) ok).value()).isEqualTo(new ChatResult.AccountDeleted("alice"));
        assertThatThrownBy(() -> admit(new ChatOp.DeleteAccount(PASSWORD), token))
                .hasMessageContaining("not logged in");
        assertThatThrownBy(() -> admit(new ChatOp.DeleteAccount(PASSWORD), null))
                .hasMessageContaining("not logged in");
    }

    @Test
    void requireAuthGuardsPlainWritesAndTokensBecomeHashes() {
        Write cas = new Write.Cas("k", null, "v");
        assertThat(gate.admit(new ClientWrite("c", 1, cas)).session()).isNull();
        try (AccountGate strict = new AccountGate(new ChatReader(store), 1000, true)) {
            assertThatThrownBy(() -> strict.admit(new ClientWrite("c", 1, cas)))
                    .hasMessageContaining("require_auth = true").hasMessageContaining("user login");
            assertThat(strict.admit(new ClientWrite("c", 1, cas, "tok")).session()).isEqualTo(Tokens.hash("tok"));
        }
    }

    @Test
    void onlyPasswordOpsAreSlow() {
        assertThat(gate.slow(List.of(new ClientWrite("c", 1, new Write.Cas("k", null, "v"))))).isFalse();
        assertThat(gate.slow(List.of(new ClientWrite("c", 1, new Write.Chat(new ChatOp.Send("#r", "x")))))).isFalse();
        assertThat(gate.slow(List.of(new ClientWrite("c", 1, new Write.Cas("k", null, "v")),
                new ClientWrite("c", 2, new Write.Chat(new ChatOp.Login("a", "pw")))))).isTrue();
    }
}
