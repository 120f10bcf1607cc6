package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicated exactly-once table. Per client it keeps the highest seq applied and the results of
 * the last {@link Limits#DEDUP_WINDOW} seqs, so a client may pipeline that many writes and retry any
 * of them after a failover. A seq below the window is refused (STALE_SEQ) rather than guessed at.
 * Clients idle longer than the TTL (measured in leader-stamped time) are forgotten by a sweep that
 * runs at fixed log indexes, so every node forgets the same clients at the same point.
 */
final class ClientTable {
    /** How often (in log indexes) the expiry sweep runs. */
    static final long SWEEP_EVERY = 4096;

    record Entry(long highest, long lastTime) {
    }

    private final KvStore store;
    private final long ttlMs;

    ClientTable(KvStore store, long ttlMs) {
        this.store = store;
        this.ttlMs = ttlMs;
    }

    /**
     * The remembered result of (clientId, seq), a STALE_SEQ rejection, or null if it must be applied.
     * A seq above the client's highest is new by construction, so the common case costs one lookup.
     * The rejection carries {@code index}: it is decided in apply, so it went through the log.
     */
    Result lookup(String clientId, long seq, Entry e, long index) {
        if (e == null || seq > e.highest()) {
            return null;
        }
        byte[] stored = store.get(Keys.result(clientId, seq));
        if (stored != null) {
            return Codec.decode(stored, Result.class);
        }
        if (seq <= e.highest() - Limits.DEDUP_WINDOW) {
            return new Result.Rejected(ErrorCode.STALE_SEQ, "seq " + seq + " of client " + clientId
                    + " is older than the last " + Limits.DEDUP_WINDOW + " writes the cluster remembers;"
                    + " it may have been applied: read the state before retrying", index);
        }
        return null;
    }

    Result lookup(String clientId, long seq) {
        return lookup(clientId, seq, entry(clientId), 0);
    }

    /** Remembers the result of a newly applied (clientId, seq) and trims the window. */
    void record(String clientId, long seq, long time, Result result, Entry e) {
        store.put(Keys.result(clientId, seq), Codec.encode(result));
        long highest = e == null ? 0 : e.highest();
        if (seq > highest) {
            // Results now below the window: at most DEDUP_WINDOW keys, usually exactly one.
            for (long s = Math.max(highest - Limits.DEDUP_WINDOW + 1, 1); s <= Math.min(seq - Limits.DEDUP_WINDOW, highest); s++) {
                store.delete(Keys.result(clientId, s));
            }
            highest = seq;
        }
        store.put(Keys.client(clientId), Codec.encode(new Entry(highest, time)));
    }

    Entry entry(String clientId) {
        byte[] v = store.get(Keys.client(clientId));
        return v == null ? null : Codec.decode(v, Entry.class);
    }

    /** At every {@link #SWEEP_EVERY}th index, forgets clients idle for longer than the TTL at {@code now}. */
    void maybeSweep(long index, long now) {
        if (index % SWEEP_EVERY != 0) {
            return;
        }
        List<String> expired = new ArrayList<>();
        store.scan(Keys.CLIENTS_FROM, Keys.CLIENTS_TO, (k, v) -> {
            if (Codec.decode(v, Entry.class).lastTime() < now - ttlMs) {
                expired.add(new String(k, 2, k.length - 2, java.nio.charset.StandardCharsets.UTF_8));
            }
            return true;
        });
        for (String clientId : expired) {
            forget(clientId);
        }
    }

    private void forget(String clientId) {
        byte[] from = Keys.result(clientId, 0);
        byte[] to = Keys.result(clientId, Long.MAX_VALUE);
        List<byte[]> keys = new ArrayList<>();
        store.scan(from, to, (k, v) -> keys.add(k));
        keys.forEach(store::delete);
        store.delete(Keys.client(clientId));
    }
}
