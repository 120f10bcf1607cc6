package dev.concord.client.net;

import java.util.EnumSet;
import java.util.Set;

/**
 * How the client stands with the cluster.
 * <pre>
 *   CONNECTING --ok--> CONNECTED --failure--> RECONNECTING --ok--> CONNECTED
 *        |                                        |
 *        +------------- deadline passed ----------+--> NO_QUORUM --ok--> CONNECTED
 *   any --close()--> CLOSED
 * </pre>
 */
public enum ConnectionState {
    CONNECTING, CONNECTED, RECONNECTING, NO_QUORUM, CLOSED;

    /** Whether moving from this state to {@code next} is a legal transition (staying put always is). */
    public boolean canMoveTo(ConnectionState next) {
        if (next == this || next == CLOSED) {
            return this != CLOSED || next == CLOSED;
        }
        Set<ConnectionState> allowed = switch (this) {
            case CONNECTING -> EnumSet.of(CONNECTED, RECONNECTING, NO_QUORUM);
            case CONNECTED -> EnumSet.of(RECONNECTING, NO_QUORUM);
            case RECONNECTING -> EnumSet.of(CONNECTED, NO_QUORUM);
            case NO_QUORUM -> EnumSet.of(CONNECTED, RECONNECTING);
            case CLOSED -> EnumSet.noneOf(ConnectionState.class);
        };
        return allowed.contains(next);
    }

    /** A state change as listeners see it: the node in use (when connected) and why. */
    public record Change(ConnectionState state, String node, String reason) {
    }

    /** Receives state changes on a client thread; no UI types here, the UI hops to its own thread. */
    @FunctionalInterface
    public interface Listener {
        void changed(Change change);
    }
}
