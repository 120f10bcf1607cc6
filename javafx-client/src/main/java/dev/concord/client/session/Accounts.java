package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatResult;

/** Signup and login over a {@link ClusterClient}; refusals come back as {@link ConcordException}s. */
public final class Accounts {
    /** Lost-reply retries before giving up; each one costs the leader a password hash. */
    private static final int LOGIN_ATTEMPTS = 3;

    private Accounts() {
    }

    public static ChatResult.AccountCreated signup(ClusterClient client, String name, String password) {
        return expect(client.write(new Write.Chat(new ChatOp.Signup(name, password))), ChatResult.AccountCreated.class);
    }

    /**
     * Opens a session. A login whose reply was lost in a failover is answered TIMEOUT (its retry
     * under the same seq finds the first attempt's session, whose token nobody has); a fresh write
     * opens a fresh session then.
     */
    public static ChatResult.LoggedIn login(ClusterClient client, String name, String password) {
        for (int attempt = 1; ; attempt++) {
            Result r = client.write(new Write.Chat(new ChatOp.Login(name, password)));
            if (attempt < LOGIN_ATTEMPTS && r instanceof Result.Rejected rej && rej.code() == ErrorCode.TIMEOUT) {
                continue;
            }
            return expect(r, ChatResult.LoggedIn.class);
        }
    }

    /** The expected chat result, or the server's refusal as an exception. */
    public static <T extends ChatResult> T expect(Result r, Class<T> type) {
        if (r instanceof Result.Rejected rej) {
            throw new ConcordException(rej.code(), rej.message());
        }
        if (r instanceof Result.Chat c && type.isInstance(c.value())) {
            return type.cast(c.value());
        }
        throw new ConcordException(ErrorCode.INTERNAL, "expected " + type.getSimpleName() + " but got " + r);
    }
}
