package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import dev.concord.server.state.ChatStore.Account;
import dev.concord.server.state.ChatStore.Caller;
import dev.concord.server.state.ChatStore.Conv;
import dev.concord.server.state.ChatStore.Member;
import dev.concord.server.state.ChatStore.MsgRef;
import dev.concord.server.state.ChatStore.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Messages, rooms and the offline queue as replicated state.
 *
 * <p>Invariants: messages of a conversation are numbered n = 1, 2, ... in log order and their ids
 * increase with n; every member's read mark points at one of them (or 0). Every direct message is
 * queued for its recipient when posted, because apply cannot know who is online (presence is not
 * in the log); it leaves the queue when handed out by {@link ChatOp.TakeInbox} or read, exactly once.
 */
final class Chat {
    private final ChatStore db;

    Chat(ChatStore db) {
        this.db = db;
    }

    Result send(Caller caller, ChatOp.Send op, long index, long now, Consumer<ChatEvent> events) {
        String conv = db.resolve(caller, op.to());
        Conv cv = db.conv(conv);
        long toId = 0;
        String toName = null;
        if (!ChatRules.isRoom(op.to())) {
            Account to = db.account(op.to());
            toId = to.id();
            toName = to.name();
            if (cv == null) {
                cv = new Conv(null, 0, 0);
                enter(caller.id(), conv, cv);
                enter(toId, conv, cv);
            }
        }
        long id = db.nextId(index);
        long n = cv.count() + 1;
        StoredMessage m = new StoredMessage(id, n, caller.id(), caller.name(), toId, toName, now, op.text(), 0);
        db.put(ChatKeys.message(conv, n), m);
        db.put(ChatKeys.messageRef(id), new MsgRef(conv, n));
        db.put(ChatKeys.conv(conv), new Conv(cv.room(), n, id));
        // Posting means having seen the conversation up to here.
        Member me = db.member(caller.id(), conv);
        db.put(ChatKeys.member(caller.id(), conv), new Member(n, id, me == null ? 0 : me.delivered()));
        if (toId != 0) {
            db.put(ChatKeys.queued(toId, id), new MsgRef(conv, n));
        }
        events.accept(new ChatEvent.Posted(db.render(conv, m, 0)));
        return new Result.Chat(new ChatResult.Posted(id, conv), index);
    }

    Result edit(Caller caller, long id, String text, long index, long now, Consumer<ChatEvent> events) {
        MsgRef ref = own(caller, id);
        StoredMessage m = db.message(ref.conv(), ref.n());
        db.put(ChatKeys.message(ref.conv(), ref.n()), new StoredMessage(m.id(), m.n(), m.fromId(), m.from(),
                m.toId(), m.to(), m.time(), text, now));
        events.accept(new ChatEvent.Edited(ref.conv(), id, text, now));
        return new Result.Chat(new ChatResult.Edited(id), index);
    }

    /** Leaves a tombstone, so numbering, ids and unread counts stay put; a queued copy is withdrawn. */
    Result delete(Caller caller, long id, long index, Consumer<ChatEvent> events) {
        MsgRef ref = own(caller, id);
        StoredMessage m = db.message(ref.conv(), ref.n());
        db.put(ChatKeys.message(ref.conv(), ref.n()), new StoredMessage(m.id(), m.n(), m.fromId(), m.from(),
                m.toId(), m.to(), m.time(), null, m.edited()));
        if (m.toId() != 0) {
            db.delete(ChatKeys.queued(m.toId(), id));
        }
        events.accept(new ChatEvent.Deleted(ref.conv(), id));
        return new Result.Chat(new ChatResult.Deleted(id), index);
    }

    private MsgRef own(Caller caller, long id) {
        MsgRef ref = db.ref(id);
        if (ref == null || db.member(caller.id(), ref.conv()) == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "no message " + id
                    + " in your conversations; check the id with bin/concord chat log");
        }
        StoredMessage m = db.message(ref.conv(), ref.n());
        if (m.fromId() != caller.id()) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "message " + id
                    + " was sent by someone else; you can only change your own messages");
        }
        if (m.text() == null) {
            throw new ConcordException(ErrorCode.CONFLICT, "message " + id + " is deleted; it cannot be changed");
        }
        return ref;
    }

    Result createRoom(Caller caller, String room, long index, Consumer<ChatEvent> events) {
        if (db.conv(ChatStore.roomConv(room)) != null) {
            throw new ConcordException(ErrorCode.CONFLICT, "room #" + room
                    + " exists; join it: bin/concord chat join '#" + room + "'");
        }
        return joinRoom(caller, room, index, events);
    }

    /** Creates the room when absent; a member joining again changes nothing. */
    Result joinRoom(Caller caller, String room, long index, Consumer<ChatEvent> events) {
        String conv = ChatStore.roomConv(room);
        Conv cv = db.conv(conv);
        boolean created = cv == null;
        if (created) {
            cv = new Conv(room, 0, 0);
            db.put(ChatKeys.conv(conv), cv);
        } else if (db.member(caller.id(), conv) != null) {
            return new Result.Chat(new ChatResult.RoomJoined(room, false), index);
        }
        enter(caller.id(), conv, cv);
        events.accept(new ChatEvent.Membership(conv, room, caller.name(), true));
        return new Result.Chat(new ChatResult.RoomJoined(room, created), index);
    }

    Result leaveRoom(Caller caller, String room, long index, Consumer<ChatEvent> events) {
        String conv = ChatStore.roomConv(room);
        if (db.conv(conv) == null || db.member(caller.id(), conv) == null) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "you are not in #" + room
                    + "; see your rooms with bin/concord chat rooms");
        }
        db.delete(ChatKeys.member(caller.id(), conv));
        db.delete(ChatKeys.roster(conv, caller.id()));
        events.accept(new ChatEvent.Membership(conv, room, caller.name(), false));
        return new Result.Chat(new ChatResult.RoomLeft(room), index);
    }

    /** A new member has nothing unread: history before joining is readable but not "new". */
    private void enter(long account, String conv, Conv cv) {
        long readN = cv.room() == null ? 0 : cv.count();
        long readUpTo = cv.room() == null ? 0 : cv.lastId();
        db.put(ChatKeys.member(account, conv), new Member(readN, readUpTo, 0));
        db.mark(ChatKeys.roster(conv, account));
    }

    Result takeInbox(Caller caller, int limit, long index, Consumer<ChatEvent> events) {
        byte[] prefix = ChatKeys.queue(caller.id());
        List<Long> ids = new ArrayList<>();
        List<MsgRef> refs = new ArrayList<>();
        long[] remaining = {0};
        db.scan(prefix, ChatKeys.end(prefix), (k, v) -> {
            if (ids.size() < limit) {
                ids.add(ChatKeys.longAt(k, prefix.length));
                refs.add(Codec.decode(v, MsgRef.class));
            } else {
                remaining[0]++;
            }
            return true;
        });
        List<Message> out = new ArrayList<>();
        Map<String, Long> upTo = new TreeMap<>(); // sorted: receipts come out in one order on every node
        for (int i = 0; i < ids.size(); i++) {
            MsgRef ref = refs.get(i);
            db.delete(ChatKeys.queued(caller.id(), ids.get(i)));
            out.add(db.render(ref.conv(), db.message(ref.conv(), ref.n()), caller.id()));
            upTo.merge(ref.conv(), ids.get(i), Math::max);
        }
        upTo.forEach((conv, id) -> delivered(caller, conv, id, events));
        return new Result.Chat(new ChatResult.Inbox(out, remaining[0]), index);
    }

    private void delivered(Caller caller, String conv, long id, Consumer<ChatEvent> events) {
        Member m = db.member(caller.id(), conv);
        if (m != null && id > m.delivered()) {
            db.put(ChatKeys.member(caller.id(), conv), new Member(m.readN(), m.readUpTo(), id));
            events.accept(new ChatEvent.Receipt(conv, caller.name(), id, m.readUpTo()));
        }
    }

    /** Read marks only move forward; reading a direct message also delivers it (it leaves the queue). */
    Result markRead(Caller caller, String with, long upTo, long index, Consumer<ChatEvent> events) {
        String conv = db.resolve(caller, with);
        Member m = db.member(caller.id(), conv);
        MsgRef ref = db.ref(upTo);
        if (m == null || ref == null || !ref.conv().equals(conv)) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "message " + upTo + " is not in your conversation with "
                    + with + "; use an id from bin/concord chat log");
        }
        if (upTo <= m.readUpTo()) {
            return new Result.Chat(new ChatResult.MarkedRead(with, m.readUpTo()), index);
        }
        long delivered = m.delivered();
        boolean direct = conv.startsWith("d:");
        if (direct) {
            byte[] prefix = ChatKeys.queue(caller.id());
            List<byte[]> drop = new ArrayList<>();
            db.scan(prefix, ChatKeys.queued(caller.id(), upTo + 1), (k, v) -> {
                if (Codec.decode(v, MsgRef.class).conv().equals(conv)) {
                    drop.add(k);
                }
                return true;
            });
            drop.forEach(db::delete);
            delivered = Math.max(delivered, upTo);
        }
        db.put(ChatKeys.member(caller.id(), conv), new Member(ref.n(), upTo, delivered));
        if (direct) {
            events.accept(new ChatEvent.Receipt(conv, caller.name(), delivered, upTo));
        }
        return new Result.Chat(new ChatResult.MarkedRead(with, upTo), index);
    }

    /** A deleted account's memberships and queue; its messages stay, shown as from a deleted user. */
    void forget(long account) {
        byte[] prefix = ChatKeys.memberships(account);
        List<String> convs = new ArrayList<>();
        db.scan(prefix, ChatKeys.end(prefix), (k, v) -> {
            convs.add(new String(k, prefix.length, k.length - prefix.length, java.nio.charset.StandardCharsets.UTF_8));
            return true;
        });
        for (String conv : convs) {
            db.delete(ChatKeys.member(account, conv));
            db.delete(ChatKeys.roster(conv, account));
        }
        byte[] queue = ChatKeys.queue(account);
        List<byte[]> queued = new ArrayList<>();
        db.scan(queue, ChatKeys.end(queue), (k, v) -> queued.add(k));
        queued.forEach(db::delete);
    }
}
