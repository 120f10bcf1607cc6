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
