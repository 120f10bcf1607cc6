package dev.concord.protocol.files;

/**
 * A kept version of a file: who stored it when (leader time), at which log index; {@code restoredFrom}
 * is the version it copies when a restore made it, else 0.
 */
public record FileVersion(long version, long size, String sha256, String author, long time, long index,
                          long restoredFrom) {
}
