package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import java.util.function.BiPredicate;

/**
 * Typed access to the account and chat keys ({@link ChatKeys}). Apply uses it over the store's
 * pending batch; RPC threads use a read-only view of one committed snapshot. Both run the same
 * decoding and rendering code, so a reply never disagrees with what apply decided.
 */
final class ChatStore {
    /** Credentials: PBKDF2-HMAC-SHA256 salt and hash in Base64; never a password. */
    record Account(long id, String name, String salt, int iterations, String hash, long created) {
    }

    /** {@code failures} failed logins since {@code since} (leader time). */
    record LoginGuard(int failures, long since) {
    }

    record Session(long account, String name, long created) {
    }

    /** {@code room} is null for a direct conversation; {@code count} is the last message number n. */
    record Conv(String room, long count, long lastId) {
    }

    /** {@code text} is null once deleted; {@code toId} is 0 in rooms. */
    record StoredMessage(long id, long n, long fromId, String from, long toId, String to, long time, String text,
                         long edited) {
    }

    record MsgRef(String conv, long n) {
    }

    /** Read up to message number {@code readN} (id {@code readUpTo}); direct messages delivered up to id {@code delivered}. */
    record Member(long readN, long readUpTo, long delivered) {
    }

    /** The account a session belongs to. */
    record Caller(long id, String name) {
    }

    private static final byte[] EMPTY = new byte[0];

    private final KvStore.Reader in;
    private final KvStore out;

    private ChatStore(KvStore.Reader in, KvStore out) {
        this.in = in;
        this.out = out;
    }

    /** Reads see apply's pending writes. */
    static ChatStore writable(KvStore store) {
        return new ChatStore(store.asReader(), store);
    }

    static ChatStore view(KvStore.Reader reader) {
        return new ChatStore(reader, null);
    }

    static String roomConv(String room) {
        return "r:" + room;
    }

    static String dmConv(long a, long b) {
        return "d:" + Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** Both account ids of a direct conversation id. */
    static long[] dmParties(String conv) {
        String[] parts = conv.split(":");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    <T> T get(byte[] key, Class<T> type) {
        byte[] v = in.get(key);
        return v == null ? null : Codec.decode(v, type);
    }

    byte[] raw(byte[] key) {
        return in.get(key);
    }

    boolean exists(byte[] key) {
        return in.get(key) != null;
    }

    void put(byte[] key, Object value) {
        out.put(key, Codec.encode(value));
    }

    void putRaw(byte[] key, byte[] value) {
        out.put(key, value);
    }

    void mark(byte[] key) {
        out.put(key, EMPTY);
    }

    void delete(byte[] key) {
        out.delete(key);
    }

    void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        in.scan(from, to, visitor);
    }

    Account account(String name) {
        return get(ChatKeys.account(ChatRules.fold(name)), Account.class);
    }

    /** The display name of a live account, or null once it is deleted. */
    String nameOf(long id) {
        byte[] folded = in.get(ChatKeys.accountName(id));
        if (folded == null) {
            return null;
        }
        Account a = get(ChatKeys.account(new String(folded, java.nio.charset.StandardCharsets.UTF_8)), Account.class);
        return a == null ? null : a.name();
    }

    /** The caller behind a session hash, or null when there is no such session. */
    Caller caller(String tokenHash) {
        Session s = tokenHash == null ? null : get(ChatKeys.session(tokenHash), Session.class);
        return s == null ? null : new Caller(s.account(), s.name());
    }

    Conv conv(String conv) {
        return get(ChatKeys.conv(conv), Conv.class);
    }

    Member member(long account, String conv) {
        return get(ChatKeys.member(account, conv), Member.class);
    }

    MsgRef ref(long id) {
        return get(ChatKeys.messageRef(id), MsgRef.class);
    }

    StoredMessage message(String conv, long n) {
        return get(ChatKeys.message(conv, n), StoredMessage.class);
    }

    /**
     * The conversation {@code with} names ({@code #ROOM}, a user name, or a direct conversation id)
     * as {@code caller} may use it. A direct conversation with an existing user may not exist yet.
     */
    String resolve(Caller caller, String with) {
        if (ChatRules.isRoom(with)) {
            String room = ChatRules.roomOf(with);
            String conv = roomConv(room);
            if (conv(conv) == null) {
                throw new ConcordException(ErrorCode.NOT_FOUND, "no room #" + room
                        + "; create it by joining: bin/concord chat join '#" + room + "'");
            }
            if (member(caller.id(), conv) == null) {
                throw new ConcordException(ErrorCode.UNAUTHORIZED, "you are not in #" + room
                        + "; join it first: bin/concord chat join '#" + room + "'");
            }
            return conv;
        }
        if (ChatRules.isConversationId(with)) {
            if (member(caller.id(), with) == null) {
                throw new ConcordException(ErrorCode.UNAUTHORIZED, "you are not part of conversation " + with
                        + "; list yours with bin/concord chat inbox");
            }
            return with;
        }
        Account other = account(with);
        if (other == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "no user '" + with
                    + "' (or the account was deleted); list users with bin/concord user ls");
        }
        if (other.id() == caller.id()) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "'" + with
                    + "' is you; direct messages go to another user");
        }
        return dmConv(caller.id(), other.id());
    }

    /**
     * The next id for a message or account made by the entry at {@code index}: at least
     * {@code index * ID_SPAN}, above every id handed out before, so ids follow the log order.
     */
    long nextId(long index) {
        long id = Math.max(Keys.longOf(in.get(ChatKeys.NEXT_ID), 0) + 1, index * Message.ID_SPAN);
        out.put(ChatKeys.NEXT_ID, Keys.longValue(id));
        return id;
    }

    /**
     * A message as {@code reader} sees it: names of deleted accounts become null, and the sender of
     * a direct message sees whether the recipient has it ({@code sent}, {@code delivered}, {@code read}).
     */
    Message render(String conv, StoredMessage m, long reader) {
        String room = conv.startsWith("r:") ? conv.substring(2) : null;
        String from = nameOf(m.fromId()) == null ? null : m.from();
        String to = m.toId() == 0 || nameOf(m.toId()) == null ? null : m.to();
        String status = null;
        if (room == null && reader == m.fromId()) {
            Member peer = member(m.toId(), conv);
            status = peer == null ? "sent" : peer.readUpTo() >= m.id() ? "read"
                    : peer.delivered() >= m.id() ? "delivered" : "sent";
        }
        return new Message(m.id(), conv, room, from, to, m.time(), m.text(), m.edited(), m.text() == null, status);
    }
}
