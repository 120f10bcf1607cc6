package dev.concord.protocol;

import dev.concord.ot.TextOperation;

/**
 * One committed revision of a document: {@code op} turned revision {@code revision - 1} into
 * {@code revision} (it is the operation as applied, after transformation against what was
 * committed since the sender's base). {@code clientId} and {@code seq} identify the write, so a
 * client recognises its own operation; {@code author} is who made it (the clientId until user
 * accounts exist); {@code time} is the leader's stamp and {@code index} the log entry.
 */
public record DocOp(int revision, TextOperation op, String author, String clientId, long seq, long time, long index) {
}
