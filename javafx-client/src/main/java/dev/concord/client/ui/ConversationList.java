package dev.concord.client.ui;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This user's conversations by the name they are shown under ({@code #room} or the other user),
 * which rooms are joined, and which document's room is "this document". No JavaFX types.
 */
final class ConversationList {
    private final String me;
    private final Map<String, ChatConversation> byName = new LinkedHashMap<>();
    private final Set<String> joined = new HashSet<>();
    private String documentRoom;

    ConversationList(String me) {
        this.me = me;
    }

    /** The conversation shown as {@code with}, made empty if new. */
    ChatConversation get(String with) {
        return byName.computeIfAbsent(with, w -> new ChatConversation(w, me));
    }

    ChatConversation find(String with) {
        return with == null ? null : byName.get(with);
    }

    Collection<ChatConversation> all() {
        return byName.values();
    }

    boolean isJoined(String room) {
        return joined.contains(room);
    }

    void joined(String room) {
        joined.add(room);
        get(room);
    }

    /** The conversation a message belongs to, as this user names it. */
    String withOf(Message m) {
        if (m.room() != null) {
            return "#" + m.room();
        }
        boolean mine = m.from() != null && m.from().equalsIgnoreCase(me);
        String other = mine ? m.to() : m.from();
        return other != null ? other : m.conv();
    }

    /** Offers {@code #doc:PATH} as "this document"; null, or a path too long for a room name: none. */
    void documentOpened(String path) {
        String room = path == null ? null : "#" + ChatRules.DOC_ROOM_PREFIX + path;
        try {
            if (room != null) {
                ChatRules.target("room", room);
            }
        } catch (ConcordException e) {
            room = null;
        }
        documentRoom = room;
    }

    /**
     * The list as shown: "this document" first, then every conversation in the order met. Rooms of
     * other documents stay out unless they have news or are selected, so switching tabs does not
     * pile them up.
     */
    List<ChatViewModel.Row> rows(String selected) {
        List<ChatViewModel.Row> out = new ArrayList<>();
        if (documentRoom != null) {
            ChatConversation c = byName.get(documentRoom);
            out.add(new ChatViewModel.Row(documentRoom, c == null ? 0 : c.unread(), true));
        }
        for (ChatConversation c : byName.values()) {
            boolean otherDoc = c.with().startsWith("#" + ChatRules.DOC_ROOM_PREFIX);
            if (!c.with().equals(documentRoom) && (!otherDoc || c.unread() > 0 || c.with().equals(selected))) {
                out.add(new ChatViewModel.Row(c.with(), c.unread(), false));
            }
        }
        return out;
    }
}
