package dev.concord.server.rpc;

import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.server.auth.Passwords;
import dev.concord.server.auth.Tokens;
import dev.concord.server.state.ChatReader;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The leader's half of accounts: everything random or secret happens here, before proposing, so
 * the log carries only results. A password becomes a salted PBKDF2 hash (signup) or is checked
 * against the replicated hash (login, delete); a login's token is made here, its SHA-256 goes into
 * the log and the token itself only into the reply. Each write's session token is replaced by its
 * hash. Ops only the leader may make are refused from clients.
 *
 * <p>An unknown name costs the same hashing as a wrong password and gets the same logged
 * {@code LoginFailed} and the same answer, so neither timing nor reply tells them apart.
 */
public final class AccountGate implements AutoCloseable {
    private static final String LOST_LOGIN = "the login went through but its reply was lost in a leader change;"
            + " log in again (the orphaned session ends with 'bin/concord user logout --others')";

    /** A client write made ready for the log, and how to turn its applied result into the reply. */
    public record Admitted(Write op, String session, UnaryOperator<Result> finish) {
    }

    private final ChatReader reader;
    private final int iterations;
    private final boolean requireAuth;
    private final SecureRandom random = new SecureRandom();
    private final Passwords.Hashed decoy;
    /** One thread: hashing is CPU-bound and a node has few cores; logins queue rather than starve writes. */
    private final ExecutorService hashing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "concord-passwords");
        t.setDaemon(true);
        return t;
    });

    public AccountGate(ChatReader reader, int iterations, boolean requireAuth) {
        this.reader = reader;
        this.iterations = iterations;
        this.requireAuth = requireAuth;
        this.decoy = Passwords.hash("decoy password for unknown names", iterations, random);
    }

    /** Whether admitting one of these writes hashes a password (tenths of a second of CPU each). */
    public boolean slow(List<ClientWrite> writes) {
        return writes.stream().anyMatch(w -> w.op() instanceof Write.Chat c && c.op() instanceof ChatOp.Secret);
    }

    public ExecutorService hashing() {
        return hashing;
    }

    /** Turns a validated client write into what the log may hold; throws for a refusal made here. */
    public Admitted admit(ClientWrite w) {
        String session = Tokens.hash(w.token());
        if (!(w.op() instanceof Write.Chat chat)) {
            if (requireAuth && w.token() == null) {
                throw new ConcordException(ErrorCode.UNAUTHORIZED, "this cluster requires login (require_auth = true);"
                        + " log in with bin/concord user login NAME");
            }
            return new Admitted(w.op(), session, UnaryOperator.identity());
        }
        ChatOp op = chat.op();
        if (op instanceof ChatOp.LeaderOnly) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, op.getClass().getSimpleName()
                    + " is made by the leader only; send signup, login or account.delete instead");
        }
        if (op instanceof ChatOp.Signup s) {
            Passwords.Hashed h = Passwords.hash(s.password(), iterations, random);
            return admitted(new ChatOp.CreateAccount(s.name(), h.salt(), h.iterations(), h.hash()), null);
        }
        if (op instanceof ChatOp.Login l) {
            return login(l);
        }
        if (op instanceof ChatOp.DeleteAccount d) {
            return delete(d, session);
        }
        return admitted(op, session);
    }

    private Admitted login(ChatOp.Login l) {
        ChatReader.Credentials c = reader.credentials(l.name(), System.currentTimeMillis());
        if (c != null && c.lockedForMs() > 0) {
            throw c.lockout();
        }
        boolean ok;
        if (c == null) {
            Passwords.verify(l.password(), decoy.salt(), decoy.iterations(), decoy.hash());
            ok = false;
        } else {
            ok = Passwords.verify(l.password(), c.salt(), c.iterations(), c.hash());
        }
        if (!ok) {
            return admitted(new ChatOp.LoginFailed(l.name()), null);
        }
        String token = Tokens.newToken(random);
        String tokenHash = Tokens.hash(token);
        return new Admitted(new Write.Chat(new ChatOp.OpenSession(c.name(), c.account(), tokenHash)), null, r -> {
            if (r instanceof Result.Chat rc && rc.value() instanceof ChatResult.SessionOpened s) {
                // A retry after failover is answered from the exactly-once table with the first
                // attempt's session, whose token this leader never saw.
                return s.tokenHash().equals(tokenHash)
                        ? new Result.Chat(new ChatResult.LoggedIn(s.name(), token), rc.index())
                        : new Result.Rejected(ErrorCode.TIMEOUT, LOST_LOGIN, rc.index());
            }
            return r;
        });
    }

    private Admitted delete(ChatOp.DeleteAccount d, String session) {
        ChatReader.Credentials c = session == null ? null : reader.credentialsOf(session, System.currentTimeMillis());
        if (c == null) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "not logged in, or the session has ended;"
                    + " log in as the account to delete: bin/concord user login NAME");
        }
        if (c.lockedForMs() > 0) {
            throw c.lockout();
        }
        if (Passwords.verify(d.password(), c.salt(), c.iterations(), c.hash())) {
            return admitted(new ChatOp.RemoveAccount(c.account()), session);
        }
        return new Admitted(new Write.Chat(new ChatOp.LoginFailed(c.name())), session, r -> r instanceof Result.Rejected rej
                ? new Result.Rejected(rej.code(), "wrong password; the account was not deleted. Type it again", rej.index())
                : r);
    }

    private static Admitted admitted(ChatOp op, String session) {
        return new Admitted(new Write.Chat(op), session, UnaryOperator.identity());
    }

    @Override
    public void close() {
        hashing.shutdownNow();
    }
}
