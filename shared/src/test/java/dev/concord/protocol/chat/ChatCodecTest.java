package dev.concord.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.ReadRequest;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCodecTest {
    private static final String HASH = "ab".repeat(32);
    private static final Message MSG = new Message(120_003, "d:1:2", null, "alice", "bob", 7, "hi \uD83D\uDE00", 0, false, "read");

    static List<ChatOp> allOps() {
        return List.of(new ChatOp.Signup("alice", "password1"), new ChatOp.Login("alice", "password1"),
                new ChatOp.DeleteAccount("password1"), new ChatOp.CreateAccount("Alice", "c2FsdA==", 1000, "aGFzaA=="),
                new ChatOp.OpenSession("alice", 10_000, HASH), new ChatOp.LoginFailed("alice"),
                new ChatOp.RemoveAccount(10_000), new ChatOp.Logout(true), new ChatOp.Send("#general", "hello"),
                new ChatOp.Send("bob", "hi"), new ChatOp.Edit(5, "x"), new ChatOp.Delete(5),
                new ChatOp.CreateRoom("r"), new ChatOp.JoinRoom("doc:/a b.md"), new ChatOp.LeaveRoom("r"),
                new ChatOp.TakeInbox(10), new ChatOp.MarkRead("bob", 7));
    }

    @Test
    void everyOpRoundTripsInsideAClientWriteAndACommand() {
        for (ChatOp op : allOps()) {
            op.validate();
            ClientWrite w = new ClientWrite("c1", 3, new Write.Chat(op), "tok");
            assertThat(Codec.decode(Codec.encode(w), ClientWrite.class)).isEqualTo(w);
            Command.Entry e = new Command.Entry(Command.VERSION, List.of(new Command(1, "c1", 3, 9, new Write.Chat(op), HASH)));
            byte[] bytes = Codec.encode(e);
            assertThat(Codec.decode(bytes, Command.Entry.class)).isEqualTo(e);
            assertThat(Codec.encode(Codec.decode(bytes, Command.Entry.class))).isEqualTo(bytes);
        }
    }

    @Test
    void fieldsAddedForSessionsAreOmittedWhenAbsentSoOldEntriesKeepTheirBytes() {
        Command plain = new Command(1, "c", 1, 2, new Write.Cas("k", null, "v"));
        String json = new String(Codec.encode(plain), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("session");
        assertThat(Codec.decode(json.getBytes(StandardCharsets.UTF_8), Command.class)).isEqualTo(plain);
        assertThat(new String(Codec.encode(new ClientWrite("c", 1, new Write.Cas("k", null, "v"))), StandardCharsets.UTF_8))
                .doesNotContain("token");
        ReadRequest r = new ReadRequest(1, new Query.Chat(new ChatQuery.Users("a*")), "tok");
        assertThat(Codec.decode(Codec.encode(r), ReadRequest.class)).isEqualTo(r);
        assertThat(Codec.decode(Codec.encode(new ReadRequest(1, new Query.Get("k"))), ReadRequest.class).token()).isNull();
    }

    @Test
    void resultsRepliesAndEventsRoundTrip() {
        List<Object> values = List.of(
                new Response.Results(List.of(new Result.Chat(new ChatResult.AccountCreated("a"), 3),
                        new Result.Chat(new ChatResult.SessionOpened("a", HASH), 4),
                        new Result.Chat(new ChatResult.LoggedIn("a", "tok"), 4),
                        new Result.Chat(new ChatResult.LoggedOut(2), 5),
                        new Result.Chat(new ChatResult.AccountDeleted("a"), 5),
                        new Result.Chat(new ChatResult.Posted(50_000, "r:x"), 5),
                        new Result.Chat(new ChatResult.Edited(1), 5), new Result.Chat(new ChatResult.Deleted(1), 5),
                        new Result.Chat(new ChatResult.RoomJoined("x", true), 5),
                        new Result.Chat(new ChatResult.RoomLeft("x"), 5),
                        new Result.Chat(new ChatResult.Inbox(List.of(MSG), 3), 5),
                        new Result.Chat(new ChatResult.MarkedRead("bob", 9), 5),
                        new Result.Rejected(ErrorCode.RATE_LIMITED, "wait", 6))),
                new Response.Chat(new ChatReply.Users(List.of(new ChatReply.User("a", true)))),
                new Response.Chat(new ChatReply.History("#x", List.of(MSG), true, 9)),
                new Response.Chat(new ChatReply.Rooms(List.of(new ChatReply.Room("x", 2, true, 1, 9)))),
                new Response.Chat(new ChatReply.Conversations(List.of(new ChatReply.Conversation("bob", "d:1:2", 1, 2, 3)), 4)),
                new Response.Chat(new ChatReply.Presence(List.of("a"), List.of(new ChatReply.Typing("a", "r:x")))),
                new Response.EventPage(List.of(
                        new Event(5, "c", 1, 6, new Event.Chat(new ChatEvent.Posted(MSG))),
                        new Event(5, "c", 2, 6, new Event.Chat(new ChatEvent.Edited("r:x", 1, "t", 3))),
                        new Event(5, "c", 3, 6, new Event.Chat(new ChatEvent.Deleted("r:x", 1))),
                        new Event(5, "c", 4, 6, new Event.Chat(new ChatEvent.Receipt("d:1:2", "bob", 3, 2))),
                        new Event(5, "c", 5, 6, new Event.Chat(new ChatEvent.Membership("r:x", "x", "a", true)))), 5));
        for (Object v : values) {
            byte[] bytes = Codec.encode(v);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("convId");
            assertThat(Codec.decode(bytes, v.getClass())).isEqualTo(v);
        }
    }

    @Test
    void secretsNeverShowInToString() {
        assertThat(new ChatOp.Login("a", "hunter22!").toString()).doesNotContain("hunter22");
        assertThat(new ChatOp.Signup("a", "hunter22!").toString()).doesNotContain("hunter22");
        assertThat(new ChatOp.DeleteAccount("hunter22!").toString()).doesNotContain("hunter22");
        assertThat(new ChatResult.LoggedIn("a", "sekrit-token").toString()).doesNotContain("sekrit");
    }

    @Test
    void rulesSayWhatIsWrong() {
        assertRejected(() -> ChatRules.userName("user name", ""), ErrorCode.BAD_REQUEST, "1-32 letters");
        assertRejected(() -> ChatRules.userName("user name", "a".repeat(33)), ErrorCode.BAD_REQUEST, "1-32");
        assertRejected(() -> ChatRules.userName("user name", "al ice"), ErrorCode.BAD_REQUEST, "'al ice'");
        ChatRules.userName("user name", "A_b.c-9");
        assertRejected(() -> ChatRules.password("short"), ErrorCode.BAD_REQUEST, "at least 8");
        assertRejected(() -> ChatRules.text(""), ErrorCode.BAD_REQUEST, "empty");
        assertRejected(() -> ChatRules.text("  \n"), ErrorCode.BAD_REQUEST, "empty");
        ChatRules.text("\uD83D\uDE00".repeat(ChatRules.MAX_TEXT_CODE_POINTS));
        assertRejected(() -> ChatRules.text("x".repeat(ChatRules.MAX_TEXT_CODE_POINTS + 1)), ErrorCode.TOO_LARGE, "split");
        assertRejected(() -> ChatRules.text("a\u0007"), ErrorCode.BAD_REQUEST, "U+0007");
        assertRejected(() -> ChatRules.target("to", "#"), ErrorCode.BAD_REQUEST, "room name");
        assertRejected(() -> ChatRules.target("to", "# x"), ErrorCode.BAD_REQUEST, "space");
        ChatRules.target("to", "#doc:/notes/a b.md");
        assertThat(ChatRules.fold("ÄLICE")).isEqualTo("älice");
    }

    private static void assertRejected(Runnable r, ErrorCode code, String text) {
        assertThatThrownBy(r::run).isInstanceOf(ConcordException.class).hasMessageContaining(text)
                .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(code));
    }
}
