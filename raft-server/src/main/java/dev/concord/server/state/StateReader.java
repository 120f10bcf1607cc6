package dev.concord.server.state;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Response;
import dev.concord.protocol.StreamRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads of committed state for RPC threads; each call sees one consistent committed view. */
public final class StateReader {
    private final KvStore store;
    private final dev.concord.config.FileLimits fileLimits;

    public StateReader(KvStore store) {
        this(store, dev.concord.config.FileLimits.DEFAULT);
    }

    /** {@code fileLimits}: the cluster's file settings, which file answers report (quotas, upload expiry). */
    public StateReader(KvStore store, dev.concord.config.FileLimits fileLimits) {
        this.store = store;
        this.fileLimits = fileLimits;
    }

    /** Document queries over the same store. */
    public DocumentReader documents() {
        return new DocumentReader(store);
    }

    /** Shared-tree queries over the same store. */
    public FileReader files() {
        return new FileReader(store, fileLimits);
    }

    public long appliedIndex() {
        return store.readCommitted(r -> Keys.longOf(r.get(Keys.APPLIED), 0));
    }

    public Response.Value get(String key) {
        return store.readCommitted(r -> {
            byte[] v = r.get(Keys.register(key));
            return new Response.Value(key, v == null ? null : new String(v, StandardCharsets.UTF_8),
                    Keys.longOf(r.get(Keys.APPLIED), 0));
        });
    }

    public Response.Records readStream(String stream, long from, int limit) {
        int max = Math.max(1, Math.min(limit, Limits.MAX_PAGE));
        return store.readCommitted(r -> {
            long size = Keys.longOf(r.get(Keys.streamSize(stream)), 0);
            List<StreamRecord> out = new ArrayList<>();
            long start = Math.max(0, from);
            r.scan(Keys.record(stream, start), Keys.record(stream, size), (k, v) -> {
                out.add(Codec.decode(v, StreamRecord.class));
                return out.size() < max;
            });
            long next = out.isEmpty() ? Math.min(start, size) : out.get(out.size() - 1).offset() + 1;
            return new Response.Records(stream, out, next, size);
        });
    }

    /**
     * Events of entries after {@code after}, whole entries only, at least one entry when any exists.
     * FEED_TRUNCATED when entries the subscriber has not seen were already pruned.
     */
    public Response.EventPage events(long after, int limit) {
        int max = Math.max(1, Math.min(limit, Limits.MAX_PAGE));
        return store.readCommitted(r -> {
            long applied = Keys.longOf(r.get(Keys.APPLIED), 0);
            long pruned = Keys.longOf(r.get(Keys.PRUNED), 1);
            if (after + 1 < pruned) {
                throw new ConcordException(ErrorCode.FEED_TRUNCATED, "events after index " + after
                        + " were pruned (this node keeps them from index " + pruned
                        + "); reload the state and subscribe from index " + applied);
            }
            List<Event> out = new ArrayList<>();
            long[] last = {Math.max(after, Math.min(after, applied))};
            r.scan(Keys.events(after + 1), Keys.events(applied + 1), (k, v) -> {
                out.addAll(Codec.decode(v, ReplicatedState.EventList.class).events());
                last[0] = Keys.trailingLong(k);
                return out.size() < max;
            });
            // A page that reached the end covers every index up to applied, events or not.
            if (out.size() < max) {
                last[0] = Math.max(last[0], applied);
            }
            return new Response.EventPage(out, last[0]);
        });
    }

    /**
     * SHA-256 over every key and value in order, with the applied index it was taken at. Two nodes
     * at the same applied index must give the same digest.
     */
    public Response.Digest digest() {
        return store.readCommitted(r -> {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            ByteBuffer len = ByteBuffer.allocate(4);
            r.scan(new byte[0], null, (k, v) -> {
                md.update(len.clear().putInt(k.length).array());
                md.update(k);
                md.update(len.clear().putInt(v.length).array());
                md.update(v);
                return true;
            });
            return new Response.Digest(Keys.longOf(r.get(Keys.APPLIED), 0), HexFormat.of().formatHex(md.digest()));
        });
    }
}
