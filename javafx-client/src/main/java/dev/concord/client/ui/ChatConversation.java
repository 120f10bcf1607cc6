package dev.concord.client.ui;

import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One conversation as this user sees it: committed messages by id (one order for everybody), then
 * this user's messages not yet committed, in the order they were typed. No JavaFX types; the
 * {@link ChatViewModel} turns {@link #items()} into the list on screen.
 *
 * <p>Invariant: a typed message is shown exactly once: as pending until its committed copy (same
 * id) arrives, then as that copy.
 */
public final class ChatConversation {
    /** One line of the conversation. {@code status}: pending, sent, delivered, read, failed, or null (others' messages). */
    public record Item(long id, long localId, String from, String text, long time, boolean own, boolean edited,
                       boolean deleted, String status, String error) {
    }

    /** A typed message of this user: {@code id} 0 until committed. */
    public record Typed(long localId, String text, String status, long id, String error) {
    }

    private final String with;
    private final String me;
    private final TreeMap<Long, Message> messages = new TreeMap<>();
    private final Map<Long, Typed> typed = new LinkedHashMap<>();
    private String convId;
    private long unread;
    private long delivered;
    private long read;
    private boolean historyLoaded;
    private boolean more = true;

    public ChatConversation(String with, String me) {
        this.with = with;
        this.me = me;
    }

    public String with() {
        return with;
    }

    /** The server's id of this conversation ({@code r:...} or {@code d:...}), known once a message is here. */
    public String convId() {
        return convId;
    }

    public boolean isRoom() {
        return with.startsWith("#");
    }

    /** Adds a committed message (live, from the inbox, or from history); true if it is new. */
    public boolean add(Message m) {
        convId = m.conv();
        typed.values().removeIf(t -> t.id() == m.id());
        return messages.put(m.id(), m) == null;
    }

    /** A page of history, oldest first; {@code more}: older messages exist. */
    public void addHistory(List<Message> page, boolean moreOlder) {
        page.forEach(this::add);
        historyLoaded = true;
        more = moreOlder;
    }

    public boolean historyLoaded() {
        return historyLoaded;
    }

    public boolean hasOlder() {
        return more;
    }

    /** The oldest message id shown, for paging back (0: none yet). */
    public long oldestId() {
        return messages.isEmpty() ? 0 : messages.firstKey();
    }

    public long newestId() {
        return messages.isEmpty() ? 0 : messages.lastKey();
    }

    /** An own message changed status; a committed one whose copy is already here is dropped. */
    public void typed(Typed t) {
        if (t.id() > 0 && messages.containsKey(t.id())) {
            typed.remove(t.localId());
        } else {
            typed.put(t.localId(), t);
        }
    }

    public void changed(ChatEvent e) {
        if (e instanceof ChatEvent.Edited ed) {
            Message m = messages.get(ed.id());
            if (m != null) {
                messages.put(m.id(), new Message(m.id(), m.conv(), m.room(), m.from(), m.to(), m.time(), ed.text(),
                        ed.time(), m.deleted(), m.status()));
            }
        } else if (e instanceof ChatEvent.Deleted d) {
            Message m = messages.get(d.id());
            if (m != null) {
                messages.put(m.id(), new Message(m.id(), m.conv(), m.room(), m.from(), m.to(), m.time(), null,
                        m.edited(), true, m.status()));
            }
        } else if (e instanceof ChatEvent.Receipt r && !r.user().equalsIgnoreCase(me)) {
            delivered = Math.max(delivered, r.delivered());
            read = Math.max(read, r.read());
        }
    }

    public long unread() {
        return unread;
    }

    public void setUnread(long n) {
        unread = n;
    }

    public void countUnread() {
        unread++;
    }

    public List<Item> items() {
        List<Item> out = new ArrayList<>(messages.size() + typed.size());
        for (Message m : messages.values()) {
            boolean own = m.from() != null && m.from().equalsIgnoreCase(me);
            out.add(new Item(m.id(), 0, m.from() == null ? "(deleted user)" : m.from(), m.text(), m.time(), own,
                    m.edited() > 0, m.deleted(), own ? statusOf(m) : null, null));
        }
        for (Typed t : typed.values()) {
            out.add(new Item(t.id(), t.localId(), me, t.text(), 0, true, false, false, t.status(), t.error()));
        }
        return out;
    }

    /**
     * "bob is typing…" for those typing here but this user, or "". Typing names the conversation
     * by its server id; a direct one may have no message (and so no known id) yet.
     */
    public String typingLine(List<ChatReply.Typing> typing) {
        List<String> who = new ArrayList<>();
        for (ChatReply.Typing t : typing) {
            boolean here = t.conv().equals(convId)
                    || isRoom() && t.conv().equals("r:" + ChatRules.roomOf(with))
                    || !isRoom() && t.conv().startsWith("d:") && t.user().equalsIgnoreCase(with);
            if (here && !t.user().equalsIgnoreCase(me) && !who.contains(t.user())) {
                who.add(t.user());
            }
        }
        return who.isEmpty() ? "" : String.join(", ", who) + (who.size() == 1 ? " is typing…" : " are typing…");
    }

    /** Receipts seen live override the status the message was read with (they only move forward). */
    private String statusOf(Message m) {
        if (isRoom()) {
            return "sent";
        }
        if (read >= m.id() || "read".equals(m.status())) {
            return "read";
        }
        if (delivered >= m.id() || "delivered".equals(m.status())) {
            return "delivered";
        }
        return "sent";
    }
}
