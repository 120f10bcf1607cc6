package dev.concord.server.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout of the state database. Every key starts with a one-letter family and '/'; numbers are
 * 8-byte big-endian so byte order is numeric order; names end with a 0 byte (names never contain
 * control characters), so one name's keys never interleave with another's.
 * <pre>
 *   m/applied            last applied log index           m/time    leader time, monotonic
 *   m/pruned             events below this index are gone
 *   c/{client}           exactly-once entry: highest seq, last time
 *   d/{client}\0{seq}    remembered result of one write (last DEDUP_WINDOW seqs)
 *   r/{key}              register value
 *   S/{stream}           stream length
 *   s/{stream}\0{offset} stream record
 *   e/{index}            events of one log entry
 *   m/docs               last document id handed out
 *   n/{path}             namespace entry: kind and id (documents now; files and folders later)
 *   D/{id}               document metadata: path, head revision, length, checkpoint bookkeeping
 *   h/{id}{rev}          the op that made revision rev, with author, time, log index
 *   k/{id}{rev}          text checkpoint at revision rev (UTF-8)
 *   a/{id}               start positions of surrogate pairs in the head text (absent when none)
 *   u/...  x/...         accounts and sessions, chat (messages, rooms, queues): see ChatKeys
 *   m/files m/folders m/blobs m/trash   last file, folder, upload (= blob) and trash item id handed out
 *   m/filebytes          file bytes charged in the whole cluster   m/uploadsweep  index of the last upload sweep
 *   o/{id}               folder metadata (n/ entries of kind "folder" point here)
 *   F/{id}               file metadata: path, head version      V/{id}{version}  one kept version -> blob
 *   U/{id}               unfinished upload: target, declared size and SHA-256, chunks received
 *   B/{blob}             stored bytes of one upload: size, SHA-256, owner, versions referring to it
 *   b/{blob}{chunk}      one chunk of file data (FILE_CHUNK_BYTES, the last may be shorter)
 *   t/{id}               trash item: original path and the entries it holds
 *   q/{account}          file bytes charged to an account
 * </pre>
 */
final class Keys {
    static final byte[] APPLIED = bytes("m/applied");
    static final byte[] TIME = bytes("m/time");
    static final byte[] PRUNED = bytes("m/pruned");

    private Keys() {
    }

    static byte[] client(String clientId) {
        return bytes("c/" + clientId);
    }

    static final byte[] CLIENTS_FROM = bytes("c/");
    static final byte[] CLIENTS_TO = bytes("c0");

    static byte[] result(String clientId, long seq) {
        return withLong(bytes("d/" + clientId + "\0"), seq);
    }

    static byte[] register(String key) {
        return bytes("r/" + key);
    }

    static byte[] streamSize(String stream) {
        return bytes("S/" + stream);
    }

    static byte[] record(String stream, long offset) {
        return withLong(bytes("s/" + stream + "\0"), offset);
    }

    static byte[] events(long index) {
        return withLong(bytes("e/"), index);
    }

    static final byte[] DOC_SEQ = bytes("m/docs");

    static byte[] name(String path) {
        return bytes("n/" + path);
    }

    /** First key after every name that starts with {@code prefix}. */
    static byte[] nameEnd(String prefix) {
        byte[] k = name(prefix);
        k[k.length - 1]++;
        return k;
    }

    static byte[] docMeta(long id) {
        return withLong(bytes("D/"), id);
    }

    static byte[] docOp(long id, long rev) {
        return withLong(withLong(bytes("h/"), id), rev);
    }

    static byte[] docCheckpoint(long id, long rev) {
        return withLong(withLong(bytes("k/"), id), rev);
    }

    static byte[] docPairs(long id) {
        return withLong(bytes("a/"), id);
    }

    static final byte[] FILE_SEQ = bytes("m/files");
    static final byte[] FOLDER_SEQ = bytes("m/folders");
    static final byte[] BLOB_SEQ = bytes("m/blobs");
    static final byte[] TRASH_SEQ = bytes("m/trash");
    static final byte[] FILE_BYTES = bytes("m/filebytes");
    static final byte[] UPLOAD_SWEEP = bytes("m/uploadsweep");

    static byte[] folder(long id) {
        return withLong(bytes("o/"), id);
    }

    static byte[] file(long id) {
        return withLong(bytes("F/"), id);
    }

    static byte[] version(long file, long version) {
        return withLong(withLong(bytes("V/"), file), version);
    }

    static byte[] upload(long id) {
        return withLong(bytes("U/"), id);
    }

    static final byte[] UPLOADS_FROM = bytes("U/");
    static final byte[] UPLOADS_TO = bytes("U0");

    static byte[] blob(long id) {
        return withLong(bytes("B/"), id);
    }

    static byte[] chunk(long blob, long chunk) {
        return withLong(withLong(bytes("b/"), blob), chunk);
    }

    static byte[] trash(long id) {
        return withLong(bytes("t/"), id);
    }

    static final byte[] TRASH_FROM = bytes("t/");
    static final byte[] TRASH_TO = bytes("t0");

    static byte[] usage(String account) {
        return bytes("q/" + account);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withLong(byte[] prefix, long n) {
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(n).array();
    }

    static long trailingLong(byte[] key) {
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }

    static byte[] longValue(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    static long longOf(byte[] value, long dflt) {
        return value == null ? dflt : ByteBuffer.wrap(value).getLong();
    }
}
