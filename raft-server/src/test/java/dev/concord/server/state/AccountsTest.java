package dev.concord.server.state;

import static dev.concord.server.state.ChatFixture.code;
import static dev.concord.server.state.ChatFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
    @TempDir
    Path tmp;
    ChatFixture f;

    @BeforeEach
    void open() {
        f = new ChatFixture(tmp.resolve("db"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void twoSignupsForOneNameInOneEntryFirstWinsSecondGetsConflict() {
        List<Result> r = f.entry(List.of(
                f.cmd("c1", null, new ChatOp.CreateAccount("Alice", "czE=", 1000, "aDE=")),
                f.cmd("c2", null, new ChatOp.CreateAccount("alice", "czI=", 1000, "aDI="))));
        assertThat(ok(r.get(0))).isEqualTo(new ChatResult.AccountCreated("Alice"));
        assertThat(code(r.get(1))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(((Result.Rejected) r.get(1)).message()).contains("'alice' is taken", "case-insensitive", "choose another");
        // The winner's credentials are the ones stored.
        assertThat(f.reader.credentials("ALICE", f.time).salt()).isEqualTo("czE=");
        assertThat(code(f.signup("ALICE"))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void fiveFailuresInAMinuteLockTheAccountUntilTheWindowCloses() {
        f.signup("bob");
        for (int i = 0; i < Accounts.MAX_FAILURES; i++) {
            assertThat(f.reader.credentials("bob", f.time).lockedForMs()).as("before failure %d", i + 1).isZero();
            Result r = f.apply(null, new ChatOp.LoginFailed("bob"));
            assertThat(code(r)).isEqualTo(ErrorCode.UNAUTHORIZED);
            f.time += 1_000;
        }
        long locked = f.reader.credentials("bob", f.time).lockedForMs();
        assertThat(locked).isEqualTo(Accounts.WINDOW_MS - 5_000);
        // Even the right password (the leader made an OpenSession) is refused while locked, in apply.
        Result refused = f.apply(null, new ChatOp.OpenSession("bob", f.account("bob"), "ab".repeat(32)));
        assertThat(code(refused)).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(((Result.Rejected) refused).message()).contains("wait 55 s");
        f.time += locked;
        assertThat(f.reader.credentials("bob", f.time).lockedForMs()).isZero();
        f.login("bob");
        assertThat(f.keys("u/g/")).as("a login clears the count").isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanAWindowNeverLock() {
        f.signup("bob");
        for (int i = 0; i < 3 * Accounts.MAX_FAILURES; i++) {
            f.apply(null, new ChatOp.LoginFailed("bob"));
            f.time += Accounts.WINDOW_MS / (Accounts.MAX_FAILURES - 1) + 1;
            assertThat(f.reader.credentials("bob", f.time).lockedForMs()).isZero();
        }
    }

    @Test
    void anUnknownNameFailsLikeAWrongPasswordAndLeavesNoTrace() {
        f.signup("bob");
        Result unknown = f.apply(null, new ChatOp.LoginFailed("nobody"));
        Result wrong = f.apply(null, new ChatOp.LoginFailed("bob"));
        assertThat(code(unknown)).isEqualTo(code(wrong)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(((Result.Rejected) unknown).message()).isEqualTo(((Result.Rejected) wrong).message())
                .isEqualTo(Accounts.BAD_LOGIN);
        assertThat(f.keys("u/")).noneMatch(k -> k.contains("nobody"));
    }

    @Test
    void severalSessionsLogoutAndLogoutOthers() {
        f.signup("carol");
        String s1 = f.login("carol");
        String s2 = f.login("carol");
        String s3 = f.login("carol");
        assertThat(ok(f.apply(s1, new ChatOp.Logout(true)))).isEqualTo(new ChatResult.LoggedOut(2));
        assertThat(code(f.apply(s2, new ChatOp.JoinRoom("r")))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code(f.apply(s3, new ChatOp.JoinRoom("r")))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(ok(f.apply(s1, new ChatOp.JoinRoom("r")))).isEqualTo(new ChatResult.RoomJoined("r", true));
        assertThat(ok(f.apply(s1, new ChatOp.Logout(false)))).isEqualTo(new ChatResult.LoggedOut(1));
        Result after = f.apply(s1, new ChatOp.Send("#r", "hi"));
        assertThat(code(after)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(((Result.Rejected) after).message()).contains("log in again");
        assertThat(f.keys("u/t/")).isEmpty();
        assertThat(f.keys("u/s/")).isEmpty();
    }

    @Test
    void deletingAnAccountRemovesEverythingButItsMessagesAndFreesTheNameOnlyFromThatEntryOn() {
        f.user("alice");
        f.user("bob");
        long aliceId = f.account("alice");
        f.ok("alice", new ChatOp.JoinRoom("r"));
        f.ok("bob", new ChatOp.JoinRoom("r"));
        long inRoom = f.send("alice", "#r", "room hello");
        long dm = f.send("alice", "bob", "dm hello");
        f.send("bob", "alice", "queued for alice");
        String aliceSession = f.sessions.get("alice");

        // In one entry: a signup ordered before the deletion still conflicts; one after it succeeds.
        List<Result> r = f.entry(List.of(
                f.cmd("x", null, new ChatOp.CreateAccount("alice", "czE=", 1000, "aDE=")),
                f.cmd("a", aliceSession, new ChatOp.RemoveAccount(aliceId)),
                f.cmd("y", null, new ChatOp.CreateAccount("alice", "czI=", 1000, "aDI="))));
        assertThat(code(r.get(0))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(ok(r.get(1))).isEqualTo(new ChatResult.AccountDeleted("alice"));
        assertThat(ok(r.get(2))).isEqualTo(new ChatResult.AccountCreated("alice"));
        assertThat(f.account("alice")).isNotEqualTo(aliceId);

        assertThat(code(f.apply(aliceSession, new ChatOp.TakeInbox(10)))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(f.keys("u/s/")).as("only bob's session is left").hasSize(1);
        assertThat(f.keys("x/q/")).as("alice's queue is gone; bob's message from her stays").hasSize(1);
        assertThat(f.reader.rooms(f.sessions.get("bob")).rooms().get(0).members()).isEqualTo(1);

        // Her messages stay, shown as from a deleted user, to bob in the room and in the direct conversation.
        List<Message> room = f.reader.history(f.sessions.get("bob"), new ChatQuery.History("#r", 0, 0, 10)).messages();
        assertThat(room).extracting(Message::id).containsExactly(inRoom);
        assertThat(room.get(0).from()).isNull();
        assertThat(room.get(0).text()).isEqualTo("room hello");
        String conv = ChatStore.dmConv(aliceId, f.account("bob"));
        List<Message> direct = f.reader.history(f.sessions.get("bob"), new ChatQuery.History(conv, 0, 0, 10)).messages();
        assertThat(direct).extracting(Message::id).startsWith(dm);
        assertThat(direct.get(0).from()).isNull();

        // The new alice is someone else: no access to the old conversation, and a fresh one with bob.
        String newAlice = f.login("alice");
        assertThat(ChatFixture.codeOf(() -> f.reader.history(newAlice, new ChatQuery.History(conv, 0, 0, 10))))
                .isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(f.reader.history(newAlice, new ChatQuery.History("bob", 0, 0, 10)).messages()).isEmpty();
    }

    @Test
    void aSessionOpenedForAnAccountThatWasReplacedMeanwhileIsRefused() {
        f.user("dave");
        long oldId = f.account("dave");
        f.ok("dave", new ChatOp.RemoveAccount(oldId));
        f.signup("dave");
        Result r = f.apply(null, new ChatOp.OpenSession("dave", oldId, "cd".repeat(32)));
        assertThat(code(r)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code(f.as("dave", new ChatOp.RemoveAccount(f.account("dave"))))).isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void aClientCannotDeleteSomeoneElsesAccount() {
        f.user("erin");
        f.user("frank");
        Result r = f.as("frank", new ChatOp.RemoveAccount(f.account("erin")));
        assertThat(code(r)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(f.reader.credentials("erin", f.time)).isNotNull();
    }

    @Test
    void passwordCarryingOpsAreRefusedIfTheyEverReachApply() {
        Result r = f.apply(null, new ChatOp.Signup("gina", "password1"));
        assertThat(code(r)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.keys("u/")).isEmpty();
    }
}
