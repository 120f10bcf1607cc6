package dev.concord.protocol;

import java.util.List;

/**
 * What the log holds. The leader stamps {@code time} (epoch millis) into every command before
 * proposing, so apply never reads a clock. {@code v} is the envelope version for later upgrades.
 * {@code session} is the SHA-256 (hex) of the caller's session token, stamped by the leader, or
 * null for a write made without one; apply refuses a command whose session no longer exists.
 */
public record Command(int v, String clientId, long seq, long time, Write op, String session) {

    /** A command made without a session. */
    public Command(int v, String clientId, long seq, long time, Write op) {
        this(v, clientId, seq, time, op, null);
    }

    /** Envelope version written by this build; apply refuses entries from a newer one. */
    public static final int VERSION = 1;

    /** One log entry: the commands the leader packed together, applied in list order. */
    public record Entry(int v, List<Command> commands) {
        public Entry {
            commands = List.copyOf(commands);
        }
    }
}
