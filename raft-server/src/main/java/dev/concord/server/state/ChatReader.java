package dev.concord.server.state;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import dev.concord.server.state.ChatStore.Account;
import dev.concord.server.state.ChatStore.Caller;
import dev.concord.server.state.ChatStore.Conv;
import dev.concord.server.state.ChatStore.Member;
import dev.concord.server.state.ChatStore.MsgRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Account and chat reads for RPC threads, each over one committed snapshot. Callers are named by
 * the SHA-256 of their token; every read checks that the caller may see what it asks for, with the
 * same {@link ChatStore#resolve} rules apply uses for writes.
 */
public final class ChatReader {
    private static final int DEFAULT_PAGE = 50;

    /** The account behind a session. */
    public record Who(long account, String name) {
    }

    /** What the leader needs to check a password and the login rate limit. */
    public record Credentials(long account, String name, String salt, int iterations, String hash, long lockedForMs) {
        /** The refusal while {@code lockedForMs > 0}. */
        public ConcordException lockout() {
            return Accounts.rateLimited(lockedForMs);
        }
    }

    private final KvStore store;

    public ChatReader(KvStore store) {
        this.store = store;
    }

    private <T> T read(Function<ChatStore, T> body) {
        return store.readCommitted(r -> body.apply(ChatStore.view(r)));
    }

    /** The caller of a session hash, or null when the session does not exist. */
    public Who who(String tokenHash) {
        return read(db -> {
            Caller c = db.caller(tokenHash);
            return c == null ? null : new Who(c.id(), c.name());
        });
    }

    /** An account's credentials and how long its login guard still locks it at {@code now}; null if unknown. */
    public Credentials credentials(String name, long now) {
        return read(db -> {
            Account a = db.account(name);
            return a == null ? null : credentials(db, a, now);
        });
    }

    /** The credentials of the account behind a session, or null when the session does not exist. */
    public Credentials credentialsOf(String tokenHash, long now) {
        return read(db -> {
            Caller c = db.caller(tokenHash);
            Account a = c == null ? null : db.account(c.name());
            return a == null ? null : credentials(db, a, now);
        });
    }

    private static Credentials credentials(ChatStore db, Account a, long now) {
        long wait = Accounts.lockedForMs(db.get(ChatKeys.guard(a.id()), ChatStore.LoginGuard.class), now);
        return new Credentials(a.id(), a.name(), a.salt(), a.iterations(), a.hash(), wait);
    }

    public ChatReply.Users users(String tokenHash, String pattern, Predicate<String> online) {
        return read(db -> {
            Accounts.requireCaller(db, tokenHash);
            Pattern glob = glob(pattern);
            List<ChatReply.User> out = new ArrayList<>();
            db.scan(ChatKeys.ACCOUNTS_FROM, ChatKeys.ACCOUNTS_TO, (k, v) -> {
                Account a = dev.concord.protocol.Codec.decode(v, Account.class);
                if (glob.matcher(ChatRules.fold(a.name())).matches()) {
                    out.add(new ChatReply.User(a.name(), online.test(ChatRules.fold(a.name()))));
                }
                return true;
            });
            return new ChatReply.Users(out);
        });
    }

    /** {@code *} any run, {@code ?} one character, everything else literal; case-insensitive. */
    static Pattern glob(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder re = new StringBuilder();
        for (char ch : ChatRules.fold(pattern).toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    public ChatReply.History history(String tokenHash, ChatQuery.History q) {
        ChatRules.conversation("with", q.with());
        return read(db -> {
            Caller caller = Accounts.requireCaller(db, tokenHash);
            String conv = db.resolve(caller, q.with());
            long applied = applied(db);
            Conv cv = db.conv(conv);
            if (cv == null) {
                return new ChatReply.History(q.with(), List.of(), false, applied);
            }
            int limit = q.limit() <= 0 ? DEFAULT_PAGE : Math.min(q.limit(), ChatRules.MAX_HISTORY);
            long from;
            long to;
            boolean more;
            if (q.after() > 0) {
                from = position(db, conv, q.after(), q.with()) + 1;
                to = Math.min(cv.count(), from + limit - 1);
                more = to < cv.count();
            } else {
                to = q.before() > 0 ? position(db, conv, q.before(), q.with()) - 1 : cv.count();
                from = Math.max(1, to - limit + 1);
                more = from > 1;
            }
            List<Message> out = new ArrayList<>();
            for (long n = from; n <= to; n++) {
                out.add(db.render(conv, db.message(conv, n), caller.id()));
            }
            return new ChatReply.History(q.with(), out, more, applied);
        });
    }

    private static long position(ChatStore db, String conv, long id, String with) {
        MsgRef ref = db.ref(id);
        if (ref == null || !ref.conv().equals(conv)) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "message " + id + " is not in the conversation with "
                    + with + "; page with ids from an earlier bin/concord chat log");
        }
        return ref.n();
    }

    public ChatReply.Rooms rooms(String tokenHash) {
        return read(db -> {
            Caller caller = Accounts.requireCaller(db, tokenHash);
            List<ChatReply.Room> out = new ArrayList<>();
            List<Conv> convs = new ArrayList<>();
            db.scan(ChatKeys.ROOMS_FROM, ChatKeys.ROOMS_TO, (k, v) -> {
                convs.add(dev.concord.protocol.Codec.decode(v, Conv.class));
                return true;
            });
            for (Conv cv : convs) {
                String conv = ChatStore.roomConv(cv.room());
                int[] members = {0};
                byte[] roster = ChatKeys.roster(conv);
                db.scan(roster, ChatKeys.end(roster), (k, v) -> {
                    members[0]++;
                    return true;
                });
                Member m = db.member(caller.id(), conv);
                out.add(new ChatReply.Room(cv.room(), members[0], m != null, m == null ? 0 : cv.count() - m.readN(),
                        cv.lastId()));
            }
            return new ChatReply.Rooms(out);
        });
    }

    public ChatReply.Conversations conversations(String tokenHash) {
        return read(db -> {
            Caller caller = Accounts.requireCaller(db, tokenHash);
            byte[] prefix = ChatKeys.memberships(caller.id());
            Map<String, Member> mine = new java.util.TreeMap<>();
            db.scan(prefix, ChatKeys.end(prefix), (k, v) -> {
                mine.put(new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8),
                        dev.concord.protocol.Codec.decode(v, Member.class));
                return true;
            });
            List<ChatReply.Conversation> out = new ArrayList<>();
            mine.forEach((conv, m) -> {
                Conv cv = db.conv(conv);
                String with;
                if (cv.room() != null) {
                    with = "#" + cv.room();
                } else {
                    long[] parties = ChatStore.dmParties(conv);
                    with = db.nameOf(parties[0] == caller.id() ? parties[1] : parties[0]);
                }
                out.add(new ChatReply.Conversation(with, conv, cv.count() - m.readN(), cv.lastId(), m.readUpTo()));
            });
            return new ChatReply.Conversations(out, applied(db));
        });
    }

    /** The conversation id {@code with} names for this session, checked as for a write. */
    public String conversationId(String tokenHash, String with) {
        return read(db -> db.resolve(Accounts.requireCaller(db, tokenHash), with));
    }

    /** Whether {@code conv} is a direct conversation of {@code account}, whether or not it has messages yet. */
    public static boolean isParty(String conv, long account) {
        if (!ChatRules.isConversationId(conv)) {
            return false;
        }
        long[] parties = ChatStore.dmParties(conv);
        return parties[0] == account || parties[1] == account;
    }

    /** The conversations a session's account is in (for typing indicators); empty for no session. */
    public Set<String> conversationsOf(String tokenHash) {
        return read(db -> {
            Caller caller = db.caller(tokenHash);
            Set<String> out = new TreeSet<>();
            if (caller != null) {
                byte[] prefix = ChatKeys.memberships(caller.id());
                db.scan(prefix, ChatKeys.end(prefix), (k, v) -> out.add(
                        new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8)));
            }
            return out;
        });
    }

    /**
     * The events of a feed page this session may see: a chat event only if the session's account is
     * now a member of its conversation; other events to anyone, or with {@code requireAuth} only to
     * a live session (else UNAUTHORIZED, which ends the subscription).
     */
    public List<Event> visible(List<Event> events, String tokenHash, boolean requireAuth) {
        return read(db -> {
            Caller caller = db.caller(tokenHash);
            if (caller == null && (requireAuth || tokenHash != null)) {
                Accounts.requireCaller(db, tokenHash);
            }
            Map<String, Boolean> member = new HashMap<>();
            List<Event> out = new ArrayList<>(events.size());
            for (Event e : events) {
                if (!(e.change() instanceof Event.Chat c)) {
                    out.add(e);
                } else if (caller != null && member.computeIfAbsent(c.value().convId(),
                        conv -> db.member(caller.id(), conv) != null)) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    private static long applied(ChatStore db) {
        return Keys.longOf(db.raw(Keys.APPLIED), 0);
    }
}
