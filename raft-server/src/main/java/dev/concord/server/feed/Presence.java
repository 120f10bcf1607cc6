package dev.concord.server.feed;

import dev.concord.protocol.chat.ChatReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online and who is typing, as this node has heard it; ephemeral and never in the log.
 *
 * <p>Why not replicated: presence changes with every heartbeat and is stale a few seconds later
 * anyway, so agreeing on it through Raft would spend a log entry per client per heartbeat and
 * replay stale facts after restarts. Instead each client's feed long-polls mark it online on the
 * node serving them, and a live client also pings every node every few seconds (typing in a
 * conversation pings at once). So every node knows every live client within one ping interval,
 * whichever node a question lands on; a restarted node knows again after one interval.
 */
public final class Presence {
    /** How long a ping keeps a user online: a few missed pings (clients ping every 2 s). */
    public static final long PING_TTL_MS = 6_000;
    /** How long one typing ping shows "typing". */
    public static final long TYPING_TTL_MS = 4_000;

    private record Seen(String name, long untilNanos) {
    }

    private record Typing(String name, String conv, long untilNanos) {
    }

    private final Map<String, Seen> online = new ConcurrentHashMap<>();
    private final Map<String, Typing> typing = new ConcurrentHashMap<>();

    /** {@code key} is the folded name, {@code name} the display name. */
    public void seen(String key, String name, long forMs) {
        long until = System.nanoTime() + forMs * 1_000_000;
        online.merge(key, new Seen(name, until), (a, b) -> a.untilNanos() - b.untilNanos() >= 0 ? a : b);
    }

    public void typing(String key, String name, String conv) {
        typing.put(key, new Typing(name, conv, System.nanoTime() + TYPING_TTL_MS * 1_000_000));
    }

    public boolean isOnline(String key) {
        Seen s = online.get(key);
        return s != null && s.untilNanos() - System.nanoTime() > 0;
    }

    /** Display names of online users, sorted. */
    public List<String> online() {
        prune();
        return new ArrayList<>(new TreeMap<>(snapshotNames()).values());
    }

    private Map<String, String> snapshotNames() {
        Map<String, String> out = new TreeMap<>();
        online.forEach((k, s) -> out.put(k, s.name()));
        return out;
    }

    /** Who types in a conversation {@code visible} accepts, sorted by conversation then user. */
    public List<ChatReply.Typing> typingIn(Predicate<String> visible) {
        prune();
        List<ChatReply.Typing> out = new ArrayList<>();
        typing.values().stream().filter(t -> visible.test(t.conv()))
                .sorted(java.util.Comparator.comparing(Typing::conv).thenComparing(Typing::name))
                .forEach(t -> out.add(new ChatReply.Typing(t.name(), t.conv())));
        return out;
    }

    private void prune() {
        long now = System.nanoTime();
        online.values().removeIf(s -> s.untilNanos() - now <= 0);
        typing.values().removeIf(t -> t.untilNanos() - now <= 0);
    }
}
