package dev.concord.server.state;

import java.nio.ByteBuffer;

/**
 * Key layout of accounts ({@code u/}) and chat ({@code x/}). Ids are 8-byte big-endian, so one
 * account's or conversation's keys form one contiguous, numerically ordered range.
 * <pre>
 *   u/n/{folded name}          Account: id, display name, PBKDF2 salt, iterations, hash (never a password)
 *   u/i/{account}              folded name; present exactly while the account lives
 *   u/g/{account}              LoginGuard: failed logins in the current window (absent when none)
 *   u/t/{token hash}           Session: account, name, created (never a token)
 *   u/s/{account}{token hash}  (empty) the sessions of one account
 *   x/n                        last id handed out (accounts and messages share the sequence)
 *   x/c/{conv}                 Conv: room name (null for direct), message count, last id
 *   x/m/{conv}\0{n}            StoredMessage number n (1, 2, ...) of a conversation
 *   x/i/{message id}           MsgRef: conversation and n of a message id
 *   x/u/{account}{conv}        Member: read and delivered marks of one member
 *   x/r/{conv}\0{account}      (empty) the members of a conversation
 *   x/q/{account}{message id}  MsgRef: the offline queue of direct messages not yet delivered
 * </pre>
 * Conversation ids: {@code r:<room>} for rooms, {@code d:<lower account>:<higher account>} for
 * direct messages (account ids, not names: a deleted name taken again starts a new conversation).
 */
final class ChatKeys {
    static final byte[] NEXT_ID = Keys.bytes("x/n");
    static final byte[] ACCOUNTS_FROM = Keys.bytes("u/n/");
    static final byte[] ACCOUNTS_TO = Keys.bytes("u/n0");
    static final byte[] ROOMS_FROM = Keys.bytes("x/c/r:");
    static final byte[] ROOMS_TO = Keys.bytes("x/c/r;");

    private ChatKeys() {
    }

    static byte[] account(String folded) {
        return Keys.bytes("u/n/" + folded);
    }

    static byte[] accountName(long id) {
        return Keys.withLong(Keys.bytes("u/i/"), id);
    }

    static byte[] guard(long id) {
        return Keys.withLong(Keys.bytes("u/g/"), id);
    }

    static byte[] session(String tokenHash) {
        return Keys.bytes("u/t/" + tokenHash);
    }

    static byte[] accountSession(long id, String tokenHash) {
        return concat(Keys.withLong(Keys.bytes("u/s/"), id), Keys.bytes(tokenHash));
    }

    static byte[] accountSessions(long id) {
        return Keys.withLong(Keys.bytes("u/s/"), id);
    }

    static byte[] conv(String conv) {
        return Keys.bytes("x/c/" + conv);
    }

    static byte[] message(String conv, long n) {
        return Keys.withLong(Keys.bytes("x/m/" + conv + "\0"), n);
    }

    static byte[] messageRef(long id) {
        return Keys.withLong(Keys.bytes("x/i/"), id);
    }

    static byte[] member(long account, String conv) {
        return concat(Keys.withLong(Keys.bytes("x/u/"), account), Keys.bytes(conv));
    }

    static byte[] memberships(long account) {
        return Keys.withLong(Keys.bytes("x/u/"), account);
    }

    static byte[] roster(String conv, long account) {
        return Keys.withLong(Keys.bytes("x/r/" + conv + "\0"), account);
    }

    static byte[] roster(String conv) {
        return Keys.bytes("x/r/" + conv + "\0");
    }

    static byte[] queued(long account, long id) {
        return Keys.withLong(Keys.withLong(Keys.bytes("x/q/"), account), id);
    }

    static byte[] queue(long account) {
        return Keys.withLong(Keys.bytes("x/q/"), account);
    }

    /** The first key after every key starting with {@code prefix}. */
    static byte[] end(byte[] prefix) {
        byte[] out = prefix.clone();
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] != (byte) 0xFF) {
                out[i]++;
                return java.util.Arrays.copyOf(out, i + 1);
            }
        }
        throw new IllegalArgumentException("no key follows an all-0xFF prefix");
    }

    static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    /** The 8-byte number at {@code offset} of a key. */
    static long longAt(byte[] key, int offset) {
        return ByteBuffer.wrap(key, offset, 8).getLong();
    }
}
