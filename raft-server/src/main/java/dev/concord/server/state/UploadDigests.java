package dev.concord.server.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running SHA-256 of unfinished uploads, so each chunk is hashed once as it is applied and a commit
 * costs no re-read. A cache, not state: an entry is used only when it covers exactly the chunks the
 * stored upload has; otherwise (after a restart, a snapshot install, a rolled-back command) the
 * digest is rebuilt from the stored chunks, which gives the same value. So every node computes the
 * same digest whatever its cache held.
 */
final class UploadDigests {
    private static final int MAX_CACHED = 64;

    private record Running(int next, MessageDigest md) {
    }

    private final Map<Long, Running> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Running> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /**
     * A digest over chunks 0..next-1 of {@code upload}, removed from the cache while the caller
     * updates it (so a failure half-way leaves no wrong entry behind); give it back with {@link #keep}.
     */
    MessageDigest take(FileStore.Upload upload, FileStore store) {
        Running r = cache.remove(upload.id());
        if (r != null && r.next() == upload.next()) {
            return r.md();
        }
        MessageDigest md = sha256();
        for (int i = 0; i < upload.next(); i++) {
            md.update(store.chunk(upload.id(), i));
        }
        return md;
    }

    void keep(long upload, int next, MessageDigest md) {
        cache.put(upload, new Running(next, md));
    }

    void forget(long upload) {
        cache.remove(upload);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
