package dev.concord.server.state;

import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.chat.ChatEvent;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.server.state.ChatStore.Caller;
import java.util.function.Consumer;

/**
 * Applies account and chat ops: first who the caller is (the session hash the leader stamped into
 * the command), then what that caller may do. Only the leader-made ops (account creation, session
 * opening, failed logins) act without a session.
 */
final class ChatCommands {
    private final ChatStore db;
    private final Accounts accounts;
    private final Chat chat;

    ChatCommands(KvStore store) {
        this.db = ChatStore.writable(store);
        this.chat = new Chat(db);
        this.accounts = new Accounts(db, chat);
    }

    Result execute(Command cmd, ChatOp op, long index, long now, Consumer<ChatEvent> events) {
        if (op instanceof ChatOp.Secret) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "a password-carrying op reached the log;"
                    + " the leader must convert it first: upgrade the node that proposed entry " + index);
        }
        if (op instanceof ChatOp.CreateAccount a) {
            return accounts.create(a, index, now);
        }
        if (op instanceof ChatOp.OpenSession s) {
            return accounts.open(s, index, now);
        }
        if (op instanceof ChatOp.LoginFailed f) {
            return accounts.failed(f, index, now);
        }
        Caller c = Accounts.requireCaller(db, cmd.session());
        if (op instanceof ChatOp.RemoveAccount r) {
            return accounts.remove(c, r, index);
        }
        if (op instanceof ChatOp.Logout l) {
            return accounts.logout(c, cmd.session(), l.others(), index);
        }
        if (op instanceof ChatOp.Send s) {
            return chat.send(c, s, index, now, events);
        }
        if (op instanceof ChatOp.Edit e) {
            return chat.edit(c, e.id(), e.text(), index, now, events);
        }
        if (op instanceof ChatOp.Delete d) {
            return chat.delete(c, d.id(), index, events);
        }
        if (op instanceof ChatOp.CreateRoom r) {
            return chat.createRoom(c, r.room(), index, events);
        }
        if (op instanceof ChatOp.JoinRoom r) {
            return chat.joinRoom(c, r.room(), index, events);
        }
        if (op instanceof ChatOp.LeaveRoom r) {
            return chat.leaveRoom(c, r.room(), index, events);
        }
        if (op instanceof ChatOp.TakeInbox t) {
            return chat.takeInbox(c, t.limit(), index, events);
        }
        if (op instanceof ChatOp.MarkRead m) {
            return chat.markRead(c, m.with(), m.upTo(), index, events);
        }
        throw new ConcordException(ErrorCode.BAD_REQUEST, "unknown chat op " + op.getClass().getSimpleName()
                + "; upgrade this node");
    }

    /** Any other write that names a session must name a live one (require_auth puts one there). */
    void checkSession(String session) {
        if (session != null) {
            Accounts.requireCaller(db, session);
        }
    }
}
