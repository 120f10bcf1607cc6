package dev.concord.client.net;

import dev.concord.config.NodeAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Holds the connection state, applies only legal transitions, and tells listeners of changes. */
final class ConnectionTracker {
    private final List<ConnectionState.Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionState.Change current =
            new ConnectionState.Change(ConnectionState.CONNECTING, null, "starting");

    ConnectionState.Change current() {
        return current;
    }

    void addListener(ConnectionState.Listener l) {
        listeners.add(l);
    }

    void removeListener(ConnectionState.Listener l) {
        listeners.remove(l);
    }

    void connected(NodeAddress leader) {
        move(ConnectionState.CONNECTED, leader.address(), "leader is node " + leader.id());
    }

    /**
     * A read was served: the cluster answers again. Moves to CONNECTED from any other state but
     * keeps the node already shown while connected, so reads spread over followers do not flap it.
     */
    void reachable(NodeAddress node) {
        if (current.state() != ConnectionState.CONNECTED) {
            move(ConnectionState.CONNECTED, node.address(), "node " + node.id() + " answers");
        }
    }

    void reconnecting(String reason) {
        move(ConnectionState.RECONNECTING, null, reason);
    }

    void noQuorum(String reason) {
        move(ConnectionState.NO_QUORUM, null, reason);
    }

    void closed() {
        move(ConnectionState.CLOSED, null, "closed");
    }

    private void move(ConnectionState next, String node, String reason) {
        ConnectionState.Change change;
        synchronized (this) {
            ConnectionState.Change prev = current;
            if (!prev.state().canMoveTo(next)) {
                return;
            }
            if (prev.state() == next && java.util.Objects.equals(prev.node(), node)) {
                return;
            }
            change = new ConnectionState.Change(next, node, reason);
            current = change;
        }
        for (ConnectionState.Listener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                // one broken listener (e.g. a closed window's) must not keep the others uninformed
            }
        }
    }
}
