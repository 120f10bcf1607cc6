package dev.concord.protocol.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;

/**
 * Account and chat writes, carried in {@link dev.concord.protocol.Write.Chat}. Three kinds:
 * <pre>
 *   client sends          leader proposes (after checking the password, with salt/token made here)
 *   Signup(name, pw)  --> CreateAccount(name, salt, iterations, hash)
 *   Login(name, pw)   --> OpenSession(name, account, tokenHash) | LoginFailed(name)
 *   DeleteAccount(pw) --> RemoveAccount(account)                  | LoginFailed(name)
 *   everything else   --> itself, with the caller's session hash stamped into the command
 * </pre>
 * {@link Secret} ops carry a password and never enter the log; {@link LeaderOnly} ops may only be
 * made by the leader (a client sending one is refused), since apply trusts that their password
 * check happened. Every other op acts as the user of the command's session.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatOp.Signup.class, name = "signup"),
    @JsonSubTypes.Type(value = ChatOp.Login.class, name = "login"),
    @JsonSubTypes.Type(value = ChatOp.DeleteAccount.class, name = "account.delete"),
    @JsonSubTypes.Type(value = ChatOp.CreateAccount.class, name = "account.create"),
    @JsonSubTypes.Type(value = ChatOp.OpenSession.class, name = "session.open"),
    @JsonSubTypes.Type(value = ChatOp.LoginFailed.class, name = "login.failed"),
    @JsonSubTypes.Type(value = ChatOp.RemoveAccount.class, name = "account.remove"),
    @JsonSubTypes.Type(value = ChatOp.Logout.class, name = "logout"),
    @JsonSubTypes.Type(value = ChatOp.Send.class, name = "send"),
    @JsonSubTypes.Type(value = ChatOp.Edit.class, name = "edit"),
    @JsonSubTypes.Type(value = ChatOp.Delete.class, name = "delete"),
    @JsonSubTypes.Type(value = ChatOp.CreateRoom.class, name = "room.create"),
    @JsonSubTypes.Type(value = ChatOp.JoinRoom.class, name = "room.join"),
    @JsonSubTypes.Type(value = ChatOp.LeaveRoom.class, name = "room.leave"),
    @JsonSubTypes.Type(value = ChatOp.TakeInbox.class, name = "inbox.take"),
    @JsonSubTypes.Type(value = ChatOp.MarkRead.class, name = "read"),
})
public sealed interface ChatOp {

    /** Throws BAD_REQUEST or TOO_LARGE when the op can never succeed. */
    void validate();

    /** Carries a password: the leader turns it into a {@link LeaderOnly} op; never in the log. */
    sealed interface Secret extends ChatOp {
    }

    /** Made by the leader after a password check; refused when a client sends it. */
    sealed interface LeaderOnly extends ChatOp {
    }

    /** Create an account; needs no session. */
    record Signup(String name, String password) implements Secret {
        @Override
        public void validate() {
            ChatRules.userName("user name", name);
            ChatRules.password(password);
        }

        @Override
        public String toString() {
            return "Signup[name=" + name + ", password=(hidden)]";
        }
    }

    /** Open a session; the reply carries the token, which exists nowhere else. */
    record Login(String name, String password) implements Secret {
        @Override
        public void validate() {
            ChatRules.userName("user name", name);
            if (password == null || password.isEmpty() || password.length() > ChatRules.MAX_PASSWORD_CHARS) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "password is missing or too long; type it again");
            }
        }

        @Override
        public String toString() {
            return "Login[name=" + name + ", password=(hidden)]";
        }
    }

    /** Delete the session's account; the password is asked again. */
    record DeleteAccount(String password) implements Secret {
        @Override
        public void validate() {
            if (password == null || password.isEmpty() || password.length() > ChatRules.MAX_PASSWORD_CHARS) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "password is missing or too long; type it again");
            }
        }

        @Override
        public String toString() {
            return "DeleteAccount[password=(hidden)]";
        }
    }

    /** PBKDF2-HMAC-SHA256 of the password with this salt and iteration count (both Base64). */
    record CreateAccount(String name, String salt, int iterations, String hash) implements LeaderOnly {
        @Override
        public void validate() {
            ChatRules.userName("user name", name);
            if (salt == null || hash == null || iterations <= 0) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "account.create needs salt, hash and iterations");
            }
        }
    }

    /**
     * The leader verified the password of account {@code account} (its id guards against the name
     * being deleted and taken again in between); {@code tokenHash} is SHA-256 of the new token.
     */
    record OpenSession(String name, long account, String tokenHash) implements LeaderOnly {
        @Override
        public void validate() {
            ChatRules.userName("user name", name);
            if (tokenHash == null || !tokenHash.matches("[0-9a-f]{64}")) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "session.open needs a SHA-256 token hash");
            }
        }
    }

    /** A wrong password (or unknown name): counted against the account's login rate limit. */
    record LoginFailed(String name) implements LeaderOnly {
        @Override
        public void validate() {
            ChatRules.userName("user name", name);
        }
    }

    /** The leader verified the password of the session's account; removes it. */
    record RemoveAccount(long account) implements LeaderOnly {
        @Override
        public void validate() {
            ChatRules.positive("account", account);
        }
    }

    /** Close this session, or with {@code others} every other session of the same user. */
    record Logout(boolean others) implements ChatOp {
        @Override
        public void validate() {
        }
    }

    /** Post {@code text} to {@code #ROOM} (a member) or to a user (a direct message). */
    record Send(String to, String text) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.target("to", to);
            ChatRules.text(text);
        }
    }

    /** Replace the text of one of your own messages. */
    record Edit(long id, String text) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.positive("id", id);
            ChatRules.text(text);
        }
    }

    /** Delete one of your own messages (it stays as a tombstone, so ids and counts stay put). */
    record Delete(long id) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.positive("id", id);
        }
    }

    /** Create a room and join it; CONFLICT when it exists. */
    record CreateRoom(String room) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.room(room);
        }
    }

    /** Join a room, creating it when absent. */
    record JoinRoom(String room) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.room(room);
        }
    }

    record LeaveRoom(String room) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.room(room);
        }
    }

    /**
     * Hand out up to {@code limit} queued direct messages, oldest first, and mark them delivered, in
     * one step: a retry under the same (clientId, seq) returns the same messages, so each is
     * delivered exactly once.
     */
    record TakeInbox(int limit) implements ChatOp {
        @Override
        public void validate() {
            if (limit < 1 || limit > ChatRules.MAX_INBOX) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "inbox limit must be 1.." + ChatRules.MAX_INBOX);
            }
        }
    }

    /** Everything in conversation {@code with} up to message {@code upTo} has been read. */
    record MarkRead(String with, long upTo) implements ChatOp {
        @Override
        public void validate() {
            ChatRules.conversation("with", with);
            ChatRules.positive("upTo", upTo);
        }
    }
}
