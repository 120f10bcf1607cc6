package dev.concord.protocol.chat;

/**
 * A chat message as readers see it.
 *
 * @param id log index of the entry that posted it times {@link #ID_SPAN}, plus its position in the
 *     entry: one total order for everybody, the same on every node and after any failover
 * @param conv the conversation: {@code r:<room>} or {@code d:<account>:<account>} (account ids, so
 *     a name deleted and taken again starts a new conversation)
 * @param room the room without '#', or null for a direct message
 * @param from the sender's name; null once the sender's account is deleted
 * @param to the recipient of a direct message (null for rooms, or once that account is deleted)
 * @param time leader time of posting, epoch millis
 * @param text null once deleted
 * @param edited leader time of the last edit, 0 if never edited
 * @param status for direct messages the reader sent: {@code sent}, {@code delivered} or {@code read}; else null
 */
public record Message(long id, String conv, String room, String from, String to, long time, String text,
                      long edited, boolean deleted, String status) {

    /** Ids of one log entry's messages lie in {@code [index * ID_SPAN, (index + 1) * ID_SPAN)}. */
    public static final long ID_SPAN = 10_000;

    /** The log index that posted message {@code id}. */
    public static long indexOf(long id) {
        return id / ID_SPAN;
    }
}
