package dev.concord.server.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * {@link KvStore} on RocksDB. The write-ahead log is off: the Raft log is the durable record, and a
 * node rebuilds this database from its last snapshot plus log replay on every start, so nothing
 * written here needs to survive a crash by itself.
 */
public final class RocksStore implements KvStore {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final Options options;
    private final WriteOptions writeOptions;
    private RocksDB db;
    private WriteBatchWithIndex batch;
    private final ReadOptions readOptions = new ReadOptions();
    /** Readers on RPC threads hold it shared; restore and close hold it exclusively (a closed RocksDB crashes the JVM). */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private RocksStore(Path dir) {
        this.dir = dir;
        // Bloom filters: most point lookups in apply are for keys that do not exist yet. Blob files:
        // values of 64 KiB and more (file chunks) are written once into blob files at flush and never
        // rewritten by compaction, which would otherwise copy every chunk again at each level.
        this.options = new Options().setCreateIfMissing(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)))
                .setEnableBlobFiles(true)
                .setMinBlobSize(64 * 1024)
                .setBlobFileSize(256L * 1024 * 1024)
                .setEnableBlobGarbageCollection(true);
        this.writeOptions = new WriteOptions().setDisableWAL(true).setSync(false);
        open();
    }

    /** Opens a store in {@code dir}, creating it when absent. */
    public static RocksStore open(Path dir) {
        return new RocksStore(dir);
    }

    /** Deletes whatever is in {@code dir} and opens an empty store there. */
    public static RocksStore openEmpty(Path dir) {
        deleteTree(dir);
        return new RocksStore(dir);
    }

    private void open() {
        try {
            Files.createDirectories(dir);
            db = RocksDB.open(options, dir.toString());
            batch = new WriteBatchWithIndex(true);
        } catch (RocksDBException | IOException e) {
            throw new IllegalStateException("cannot open state database " + dir + ": " + e.getMessage()
                    + " (is another node using this data dir?)", e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return batch.getFromBatchAndDB(db, readOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            batch.put(key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(byte[] key) {
        try {
            batch.delete(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        try (RocksIterator base = db.newIterator(readOptions);
             RocksIterator it = batch.newIteratorWithBase(base)) {
            visit(it, from, to, visitor);
        }
    }

    private static void visit(RocksIterator it, byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
        for (it.seek(from); it.isValid(); it.next()) {
            byte[] key = it.key();
            if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
                return;
            }
            if (!visitor.test(key, it.value())) {
                return;
            }
        }
    }

    @Override
    public void mark() {
        batch.setSavePoint();
    }

    @Override
    public void rollbackToMark() {
        try {
            batch.rollbackToSavePoint();
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void commit() {
        try {
            if (batch.count() > 0) {
                db.write(writeOptions, batch);
            }
            batch.close();
            batch = new WriteBatchWithIndex(true);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write state database " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T readCommitted(Function<Reader, T> body) {
        lifecycle.readLock().lock();
        try {
            if (db == null) {
                throw new IllegalStateException("state database " + dir + " is closed");
            }
            return readLocked(body);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private <T> T readLocked(Function<Reader, T> body) {
        Snapshot snapshot = db.getSnapshot();
        try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot)) {
            return body.apply(new Reader() {
                @Override
                public byte[] get(byte[] key) {
                    try {
                        return db.get(ro, key);
                    } catch (RocksDBException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void scan(byte[] from, byte[] to, BiPredicate<byte[], byte[]> visitor) {
                    try (RocksIterator it = db.newIterator(ro)) {
                        visit(it, from, to, visitor);
                    }
                }
            });
        } finally {
            db.releaseSnapshot(snapshot);
        }
    }

    /**
     * Writes a RocksDB checkpoint of the committed state into {@code target} (which must not exist):
     * a memtable flush plus hard links, so it costs milliseconds whatever the state size.
     */
    public void checkpoint(Path target) {
        try (Checkpoint cp = Checkpoint.create(db)) {
            cp.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot checkpoint state to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the whole store with a checkpoint's contents. Immutable SST and blob files are hard-linked;
     * the files RocksDB rewrites (MANIFEST, CURRENT, OPTIONS) are copied, so the checkpoint stays intact.
     */
    public void restore(Path checkpoint) {
        lifecycle.writeLock().lock();
        try {
            restoreLocked(checkpoint);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void restoreLocked(Path checkpoint) {
        closeDb();
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(checkpoint)) {
                for (Path f : files.toList()) {
                    Path to = dir.resolve(f.getFileName());
                    String name = f.getFileName().toString();
                    if (name.endsWith(".sst") || name.endsWith(".blob")) {
                        try {
                            Files.createLink(to, f);
                            continue;
                        } catch (IOException | UnsupportedOperationException e) {
                            // another filesystem: fall through to a copy
                        }
                    }
                    Files.copy(f, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore state from " + checkpoint, e);
        }
        open();
    }

    private void closeDb() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closeDb();
        } finally {
            lifecycle.writeLock().unlock();
        }
        readOptions.close();
        writeOptions.close();
        options.close();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
