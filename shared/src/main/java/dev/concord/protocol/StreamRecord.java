package dev.concord.protocol;

/** One stored stream record: its offset, the log index and leader time of the append, and who wrote it. */
public record StreamRecord(long offset, long index, long time, String clientId, long seq, String text) {
}
