package dev.concord.server.state;

import java.util.function.BiPredicate;

/**
 * The storage the replicated state is written over: ordered byte keys, with a pending batch that
 * apply fills and {@link #commit()} writes atomically. Reads from apply see the pending batch;
 * {@link #readCommitted} (used by RPC threads) sees only what was committed.
 */
public interface KvStore extends AutoCloseable {

    /** The value under {@code key}, pending writes included; null when absent. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /**
     * Visits keys in {@code [from, to)} in ascending byte order, pending writes included, until the
     * visitor returns false.
     */
    void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor);

    /** Marks a point {@link #rollbackToMark()} returns to (one command's writes). */
    void mark();

    /** Drops pending writes made since the last {@link #mark()}. */
    void rollbackToMark();

    /** Writes the pending batch atomically. */
    void commit();

    /** A consistent view of committed data, for reads outside apply. */
    <T> T readCommitted(java.util.function.Function<Reader, T> body);

    /** This store as a {@link Reader} whose reads include the pending batch (apply's view). */
    default Reader asReader() {
        KvStore self = this;
        return new Reader() {
            @Override
            public byte[] get(byte[] key) {
                return self.get(key);
            }

            @Override
            public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
                self.scan(from, to, visitor);
            }
        };
    }

    /** Read access to one consistent committed view. */
    interface Reader {
        byte[] get(byte[] key);

        void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor);
    }

    @Override
    void close();
}
