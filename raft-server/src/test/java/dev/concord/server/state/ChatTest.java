package dev.concord.server.state;

import static dev.concord.server.state.ChatFixture.code;
import static dev.concord.server.state.ChatFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.Command;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Result;
import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTest {
    @TempDir
    Path tmp;
    ChatFixture f;

    @BeforeEach
    void open() {
        f = new ChatFixture(tmp.resolve("db"));
        f.user("alice");
        f.user("bob");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<Message> history(String user, String with) {
        return f.reader.history(f.sessions.get(user), new ChatQuery.History(with, 0, 0, 1000)).messages();
    }

    @Test
    void messageIdsAreLogIndexPlusPositionAndEveryoneSeesOneOrder() {
        f.ok("alice", new ChatOp.JoinRoom("r"));
        f.ok("bob", new ChatOp.JoinRoom("r"));
        long first = f.send("alice", "#r", "1");
        long firstIndex = f.index;
        List<Result> same = f.entry(List.of(
                f.cmd("b", f.sessions.get("bob"), new ChatOp.Send("#r", "2")),
                f.cmd("a", f.sessions.get("alice"), new ChatOp.Send("#r", "3")),
                f.cmd("b", f.sessions.get("bob"), new ChatOp.Send("#r", "4"))));
        long later = f.send("bob", "#r", "5");
        assertThat(Message.indexOf(first)).isEqualTo(firstIndex);
        List<Long> ids = new ArrayList<>(List.of(first));
        same.forEach(r -> ids.add(((ChatResult.Posted) ok(r)).id()));
        ids.add(later);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids.subList(1, 4)).allMatch(id -> Message.indexOf(id) == firstIndex + 1);
        assertThat(ids.get(2) - ids.get(1)).isEqualTo(1);
        assertThat(history("alice", "#r")).extracting(Message::text).containsExactly("1", "2", "3", "4", "5");
        assertThat(history("bob", "#r")).isEqualTo(history("alice", "#r"));
        assertThat(history("bob", "#r")).extracting(Message::id).containsExactlyElementsOf(ids);
    }

    @Test
    void theOfflineQueueIsDeliveredOnceInOrderAndARetryGetsTheSameMessages() {
        long m1 = f.send("alice", "bob", "one");
        long m2 = f.send("alice", "bob", "two");
        long m3 = f.send("alice", "bob", "three");
        assertThat(history("alice", "bob")).extracting(Message::status).containsOnly("sent");

        Command take = f.cmd("bob-app", f.sessions.get("bob"), new ChatOp.TakeInbox(2));
        ChatResult.Inbox first = (ChatResult.Inbox) ok(f.entry(List.of(take)).get(0));
        assertThat(first.messages()).extracting(Message::id).containsExactly(m1, m2);
        assertThat(first.remaining()).isEqualTo(1);
        // The reply was lost; the client retries under the same (clientId, seq): same messages, nothing taken twice.
        ChatResult.Inbox retry = (ChatResult.Inbox) ok(f.entry(List.of(take)).get(0));
        assertThat(retry).isEqualTo(first);
        ChatResult.Inbox second = (ChatResult.Inbox) f.ok("bob", new ChatOp.TakeInbox(10));
        assertThat(second.messages()).extracting(Message::text).containsExactly("three");
        assertThat(second.remaining()).isZero();
        assertThat(((ChatResult.Inbox) f.ok("bob", new ChatOp.TakeInbox(10))).messages()).isEmpty();

        assertThat(history("alice", "bob")).extracting(Message::status).containsOnly("delivered");
        f.ok("bob", new ChatOp.MarkRead("alice", m2));
        assertThat(history("alice", "bob")).extracting(Message::status).containsExactly("read", "read", "delivered");
        assertThat(history("bob", "alice")).extracting(Message::status).as("only the sender sees status").containsOnlyNulls();
        assertThat(m3).isGreaterThan(m2);
    }

    @Test
    void readingADirectMessageTakesItOutOfTheQueue() {
        long m1 = f.send("alice", "bob", "one");
        f.send("alice", "bob", "two");
        f.ok("bob", new ChatOp.MarkRead("alice", m1));
        ChatResult.Inbox inbox = (ChatResult.Inbox) f.ok("bob", new ChatOp.TakeInbox(10));
        assertThat(inbox.messages()).extracting(Message::text).containsExactly("two");
    }

    @Test
    void editAndDeleteOwnMessagesOnly() {
        long m = f.send("alice", "bob", "tpyo");
        assertThat(ok(f.as("alice", new ChatOp.Edit(m, "typo")))).isEqualTo(new ChatResult.Edited(m));
        assertThat(code(f.as("bob", new ChatOp.Edit(m, "mine now")))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code(f.as("bob", new ChatOp.Delete(m)))).isEqualTo(ErrorCode.UNAUTHORIZED);
        Message edited = history("bob", "alice").get(0);
        assertThat(edited.text()).isEqualTo("typo");
        assertThat(edited.edited()).isPositive();
        assertThat(ok(f.as("alice", new ChatOp.Delete(m)))).isEqualTo(new ChatResult.Deleted(m));
        Message gone = history("bob", "alice").get(0);
        assertThat(gone.deleted()).isTrue();
        assertThat(gone.text()).isNull();
        assertThat(code(f.as("alice", new ChatOp.Edit(m, "back")))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(((ChatResult.Inbox) f.ok("bob", new ChatOp.TakeInbox(10))).messages())
                .as("a deleted message is withdrawn from the queue").isEmpty();
        assertThat(code(f.as("alice", new ChatOp.Edit(999_999, "x")))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void unreadCountsPerRoomAndDirectConversation() {
        f.user("carol");
        f.ok("alice", new ChatOp.JoinRoom("r"));
        f.send("alice", "#r", "before bob joined");
        f.ok("bob", new ChatOp.JoinRoom("r"));
        f.send("alice", "#r", "a");
        long b = f.send("alice", "#r", "b");
        f.send("carol", "bob", "hi bob");
        f.send("carol", "bob", "you there?");
        ChatReply.Conversations convs = f.reader.conversations(f.sessions.get("bob"));
        assertThat(convs.conversations()).extracting(ChatReply.Conversation::with, ChatReply.Conversation::unread)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("#r", 2L),
                        org.assertj.core.groups.Tuple.tuple("carol", 2L));
        assertThat(convs.index()).isEqualTo(f.index);
        f.ok("bob", new ChatOp.MarkRead("#r", b));
        f.send("bob", "carol", "yes");
        assertThat(f.reader.conversations(f.sessions.get("bob")).conversations())
                .allMatch(c -> c.unread() == 0);
        assertThat(f.reader.rooms(f.sessions.get("alice")).rooms()).singleElement()
                .isEqualTo(new ChatReply.Room("r", 2, true, 0, b));
    }

    @Test
    void historyPagesBackwardAndForwardByMessageId() {
        f.ok("alice", new ChatOp.JoinRoom("p"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(f.send("alice", "#p", "m" + i));
        }
        String s = f.sessions.get("alice");
        ChatReply.History last = f.reader.history(s, new ChatQuery.History("#p", 0, 0, 10));
        assertThat(last.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(15, 25));
        assertThat(last.more()).isTrue();
        ChatReply.History older = f.reader.history(s, new ChatQuery.History("#p", ids.get(15), 0, 10));
        assertThat(older.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(5, 15));
        ChatReply.History oldest = f.reader.history(s, new ChatQuery.History("#p", ids.get(5), 0, 10));
        assertThat(oldest.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 5));
        assertThat(oldest.more()).isFalse();
        ChatReply.History forward = f.reader.history(s, new ChatQuery.History("#p", 0, ids.get(19), 10));
        assertThat(forward.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(20, 25));
        assertThat(forward.more()).isFalse();
        assertThat(ChatFixture.codeOf(() -> f.reader.history(s, new ChatQuery.History("#p", 12345, 0, 10))))
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void roomsAreCreatedOnDemandAndDocumentRoomsToo() {
        assertThat(ok(f.as("alice", new ChatOp.JoinRoom("doc:/notes/plan.md"))))
                .isEqualTo(new ChatResult.RoomJoined("doc:/notes/plan.md", true));
        assertThat(ok(f.as("bob", new ChatOp.JoinRoom("doc:/notes/plan.md"))))
                .isEqualTo(new ChatResult.RoomJoined("doc:/notes/plan.md", false));
        assertThat(ok(f.as("bob", new ChatOp.JoinRoom("doc:/notes/plan.md"))))
                .as("joining again changes nothing").isEqualTo(new ChatResult.RoomJoined("doc:/notes/plan.md", false));
        Result exists = f.as("bob", new ChatOp.CreateRoom("doc:/notes/plan.md"));
        assertThat(code(exists)).isEqualTo(ErrorCode.CONFLICT);
        assertThat(((Result.Rejected) exists).message()).contains("bin/concord chat join");
        assertThat(ok(f.as("bob", new ChatOp.LeaveRoom("doc:/notes/plan.md"))))
                .isEqualTo(new ChatResult.RoomLeft("doc:/notes/plan.md"));
        assertThat(code(f.as("bob", new ChatOp.LeaveRoom("doc:/notes/plan.md")))).isEqualTo(ErrorCode.NOT_FOUND);
        Result notIn = f.as("bob", new ChatOp.Send("#doc:/notes/plan.md", "hi"));
        assertThat(code(notIn)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(((Result.Rejected) notIn).message()).contains("join it first");
        assertThat(code(f.as("bob", new ChatOp.Send("#nowhere", "hi")))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.reader.rooms(f.sessions.get("bob")).rooms()).singleElement()
                .satisfies(r -> assertThat(r.members()).isEqualTo(1)).satisfies(r -> assertThat(r.joined()).isFalse());
    }

    @Test
    void directMessagesNeedAnExistingOtherUser() {
        Result self = f.as("alice", new ChatOp.Send("ALICE", "me"));
        assertThat(code(self)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(((Result.Rejected) self).message()).contains("is you");
        Result nobody = f.as("alice", new ChatOp.Send("nobody", "hi"));
        assertThat(code(nobody)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((Result.Rejected) nobody).message()).contains("user ls");
        assertThat(code(f.as("alice", new ChatOp.Send("bob", "x".repeat(4001))))).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(code(f.as("alice", new ChatOp.Send("BOB", "names are case-insensitive")))).isNull();
    }

    @Test
    void theFeedShowsEachSessionOnlyItsOwnConversations() {
        f.user("carol");
        long before = f.index;
        f.send("alice", "bob", "private");
        f.ok("carol", new ChatOp.JoinRoom("c"));
        f.send("carol", "#c", "carol's room");
        f.entry(List.of(new Command(Command.VERSION, "plain", 1, f.time, new dev.concord.protocol.Write.Cas("k", null, "v"))));
        List<Event> all = f.events(before);
        assertThat(all).hasSize(4);
        assertThat(texts(f.reader.visible(all, f.sessions.get("alice"), false))).containsExactly("private", "register");
        assertThat(texts(f.reader.visible(all, f.sessions.get("bob"), false))).containsExactly("private", "register");
        assertThat(texts(f.reader.visible(all, f.sessions.get("carol"), false)))
                .containsExactly("membership", "carol's room", "register");
        assertThat(texts(f.reader.visible(all, null, false))).containsExactly("register");
        assertThat(ChatFixture.codeOf(() -> f.reader.visible(all, null, true))).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(ChatFixture.codeOf(() -> f.reader.visible(all, "ff".repeat(32), false)))
                .as("an ended session is told so, not silently starved").isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    private static List<String> texts(List<Event> events) {
        return events.stream().map(e -> {
            if (e.change() instanceof Event.Chat c && c.value() instanceof ChatEvent.Posted p) {
                return p.message().text();
            }
            return e.change() instanceof Event.Chat ? "membership" : "register";
        }).toList();
    }
}
