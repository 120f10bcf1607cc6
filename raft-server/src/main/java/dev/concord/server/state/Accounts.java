package dev.concord.server.state;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.server.state.ChatStore.Account;
import dev.concord.server.state.ChatStore.Caller;
import dev.concord.server.state.ChatStore.LoginGuard;
import dev.concord.server.state.ChatStore.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts and sessions as replicated state. Passwords and tokens never get here: the leader turns
 * them into a PBKDF2 hash and a token hash before proposing (see {@link ChatOp}), so apply only
 * compares and stores values every node already has in its log.
 *
 * <p>Login rate limit, per account, decided from leader-stamped time only: at most
 * {@link #MAX_FAILURES} failed attempts in a {@link #WINDOW_MS} window that opens at the first
 * failure; then every login (right password or not) is refused until the window closes. A
 * successful login clears the count. Unknown names are not counted (there is nothing to protect,
 * and counting them would let anyone grow the state with made-up names).
 */
final class Accounts {
    static final int MAX_FAILURES = 5;
    static final long WINDOW_MS = 60_000;
    /** The one answer for both an unknown name and a wrong password, so neither is revealed. */
    static final String BAD_LOGIN = "unknown user or wrong password; check both and try again";

    private final ChatStore db;
    private final Chat chat;

    Accounts(ChatStore db, Chat chat) {
        this.db = db;
        this.chat = chat;
    }

    Result create(ChatOp.CreateAccount op, long index, long now) {
        if (db.account(op.name()) != null) {
            throw new ConcordException(ErrorCode.CONFLICT, "user name '" + op.name()
                    + "' is taken (names are case-insensitive); choose another");
        }
        long id = db.nextId(index);
        String folded = ChatRules.fold(op.name());
        db.put(ChatKeys.account(folded), new Account(id, op.name(), op.salt(), op.iterations(), op.hash(), now));
        db.putRaw(ChatKeys.accountName(id), folded.getBytes(StandardCharsets.UTF_8));
        return new Result.Chat(new ChatResult.AccountCreated(op.name()), index);
    }

    Result open(ChatOp.OpenSession op, long index, long now) {
        Account a = db.account(op.name());
        if (a == null || a.id() != op.account()) {
            // Deleted (or deleted and taken again) after the leader checked the password.
            throw new ConcordException(ErrorCode.UNAUTHORIZED, BAD_LOGIN);
        }
        long wait = lockedForMs(db.get(ChatKeys.guard(a.id()), LoginGuard.class), now);
        if (wait > 0) {
            throw rateLimited(wait);
        }
        if (db.exists(ChatKeys.session(op.tokenHash()))) {
            throw new ConcordException(ErrorCode.CONFLICT, "session token collision; log in again");
        }
        db.put(ChatKeys.session(op.tokenHash()), new Session(a.id(), a.name(), now));
        db.mark(ChatKeys.accountSession(a.id(), op.tokenHash()));
        db.delete(ChatKeys.guard(a.id()));
        return new Result.Chat(new ChatResult.SessionOpened(a.name(), op.tokenHash()), index);
    }

    /** Returned, not thrown: the failure count must survive (a thrown rejection is rolled back). */
    Result failed(ChatOp.LoginFailed op, long index, long now) {
        Account a = db.account(op.name());
        if (a != null) {
            db.put(ChatKeys.guard(a.id()), afterFailure(db.get(ChatKeys.guard(a.id()), LoginGuard.class), now));
        }
        return new Result.Rejected(ErrorCode.UNAUTHORIZED, BAD_LOGIN, index);
    }

    Result logout(Caller caller, String session, boolean others, long index) {
        List<String> close = new ArrayList<>();
        if (others) {
            for (String hash : sessionsOf(caller.id())) {
                if (!hash.equals(session)) {
                    close.add(hash);
                }
            }
        } else {
            close.add(session);
        }
        close.forEach(hash -> closeSession(caller.id(), hash));
        return new Result.Chat(new ChatResult.LoggedOut(close.size()), index);
    }

    /** Credentials, sessions, rate-limit state, memberships and queue go; sent messages stay. */
    Result remove(Caller caller, ChatOp.RemoveAccount op, long index) {
        if (caller.id() != op.account()) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "you can only delete your own account");
        }
        for (String hash : sessionsOf(caller.id())) {
            closeSession(caller.id(), hash);
        }
        db.delete(ChatKeys.account(ChatRules.fold(caller.name())));
        db.delete(ChatKeys.accountName(caller.id()));
        db.delete(ChatKeys.guard(caller.id()));
        chat.forget(caller.id());
        return new Result.Chat(new ChatResult.AccountDeleted(caller.name()), index);
    }

    private List<String> sessionsOf(long account) {
        List<String> hashes = new ArrayList<>();
        byte[] prefix = ChatKeys.accountSessions(account);
        db.scan(prefix, ChatKeys.end(prefix), (k, v) -> {
            hashes.add(new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8));
            return true;
        });
        return hashes;
    }

    private void closeSession(long account, String hash) {
        db.delete(ChatKeys.session(hash));
        db.delete(ChatKeys.accountSession(account, hash));
    }

    /** Milliseconds until {@code guard} lets a login through at {@code now}; 0 when it does now. */
    static long lockedForMs(LoginGuard guard, long now) {
        if (guard == null || guard.failures() < MAX_FAILURES) {
            return 0;
        }
        return Math.max(0, guard.since() + WINDOW_MS - now);
    }

    static LoginGuard afterFailure(LoginGuard guard, long now) {
        if (guard == null || now - guard.since() >= WINDOW_MS) {
            return new LoginGuard(1, now);
        }
        return new LoginGuard(guard.failures() + 1, guard.since());
    }

    static ConcordException rateLimited(long waitMs) {
        return new ConcordException(ErrorCode.RATE_LIMITED, "too many failed logins for this account; wait "
                + Math.max(1, (waitMs + 999) / 1000) + " s and try again");
    }

    static Caller requireCaller(ChatStore db, String session) {
        if (session == null) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "not logged in; log in first: bin/concord user login NAME");
        }
        Caller c = db.caller(session);
        if (c == null) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "your session has ended (logged out, or the account"
                    + " was deleted); log in again: bin/concord user login NAME");
        }
        return c;
    }
}
