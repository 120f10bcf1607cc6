package dev.concord.client.cli;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Result;

/** Turns a {@link Result} into the expected success type or the server's error. */
public final class Results {
    private Results() {
    }

    public static <T extends Result> T expect(Result r, Class<T> type) {
        if (r instanceof Result.Rejected rej) {
            throw new ConcordException(rej.code(), rej.message());
        }
        if (!type.isInstance(r)) {
            throw new ConcordException(ErrorCode.INTERNAL, "expected " + type.getSimpleName() + " but got " + r);
        }
        return type.cast(r);
    }
}
