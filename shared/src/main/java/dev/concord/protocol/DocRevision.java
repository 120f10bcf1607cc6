package dev.concord.protocol;

/**
 * A history line: who made {@code revision}, when (leader time, epoch millis), in which log entry,
 * how many UTF-16 code units it inserted and deleted, and the document length after it.
 */
public record DocRevision(int revision, String author, long time, long index, int inserted, int deleted, int length) {
}
