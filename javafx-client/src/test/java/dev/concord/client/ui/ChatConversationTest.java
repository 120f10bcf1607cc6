package dev.concord.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatConversationTest {
    private static Message dm(long id, String from, String to, String text) {
        return new Message(id, "d:1:2", null, from, to, 1_000 * id, text, 0, false, null);
    }

    /** A typed message shows once: pending in typing order after the committed ones, then as its committed copy. */
    @Test
    void pendingMessageBecomesItsCommittedCopyWhicheverArrivesFirst() {
        ChatConversation c = new ChatConversation("bob", "alice");
        c.add(dm(10, "bob", "alice", "hi"));
        c.typed(new ChatConversation.Typed(1, "first", "pending", 0, null));
        c.typed(new ChatConversation.Typed(2, "second", "pending", 0, null));
        assertThat(c.items()).extracting(ChatConversation.Item::text).containsExactly("hi", "first", "second");
        assertThat(c.items().get(1).status()).isEqualTo("pending");

        c.add(dm(20, "alice", "bob", "first"));                          // the feed first
        c.typed(new ChatConversation.Typed(1, "first", "sent", 20, null)); // then the send's result
        c.typed(new ChatConversation.Typed(2, "second", "sent", 30, null)); // result first
        c.add(dm(30, "alice", "bob", "second"));                          // then the feed
        assertThat(c.items()).extracting(ChatConversation.Item::id).containsExactly(10L, 20L, 30L);
        assertThat(c.items()).extracting(ChatConversation.Item::status).containsExactly(null, "sent", "sent");
    }

    @Test
    void receiptsMoveOwnDirectMessagesToDeliveredAndRead() {
        ChatConversation c = new ChatConversation("bob", "alice");
        c.add(dm(10, "alice", "bob", "one"));
        c.add(dm(20, "alice", "bob", "two"));
        c.changed(new ChatEvent.Receipt("d:1:2", "bob", 20, 10));
        assertThat(c.items()).extracting(ChatConversation.Item::status).containsExactly("read", "delivered");
        c.changed(new ChatEvent.Receipt("d:1:2", "alice", 99, 99)); // our own receipt says nothing about bob
        assertThat(c.items().get(1).status()).isEqualTo("delivered");
    }

    @Test
    void editsAndDeletionsChangeTheMessageInPlace() {
        ChatConversation c = new ChatConversation("#general", "alice");
        c.add(new Message(5, "r:general", "general", "alice", null, 5, "typo", 0, false, null));
        c.changed(new ChatEvent.Edited("r:general", 5, "fixed", 9));
        assertThat(c.items().get(0).text()).isEqualTo("fixed");
        assertThat(c.items().get(0).edited()).isTrue();
        c.changed(new ChatEvent.Deleted("r:general", 5));
        assertThat(c.items().get(0).deleted()).isTrue();
        assertThat(c.items().get(0).status()).isEqualTo("sent");
    }

    @Test
    void historyPagesPrependOlderMessagesAndTellWhetherMoreExist() {
        ChatConversation c = new ChatConversation("#general", "alice");
        c.addHistory(List.of(msg(30), msg(40)), true);
        assertThat(c.oldestId()).isEqualTo(30);
        c.addHistory(List.of(msg(10), msg(20)), false);
        assertThat(c.items()).extracting(ChatConversation.Item::id).containsExactly(10L, 20L, 30L, 40L);
        assertThat(c.hasOlder()).isFalse();
    }

    private static Message msg(long id) {
        return new Message(id, "r:general", "general", "bob", null, id, "m" + id, 0, false, null);
    }

    /** Typing shows in its own conversation only, never for this user, and in a direct one before any message. */
    @Test
    void typingLineNamesOthersTypingHere() {
        ChatConversation room = new ChatConversation("#general", "alice");
        List<ChatReply.Typing> typing = List.of(new ChatReply.Typing("bob", "r:general"), new ChatReply.Typing("alice", "r:general"),
                new ChatReply.Typing("carol", "r:random"), new ChatReply.Typing("dave", "d:1:4"));
        assertThat(room.typingLine(typing)).isEqualTo("bob is typing…");
        assertThat(new ChatConversation("dave", "alice").typingLine(typing)).isEqualTo("dave is typing…");
        assertThat(new ChatConversation("#quiet", "alice").typingLine(typing)).isEmpty();
    }
}
