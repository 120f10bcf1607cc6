package dev.concord.protocol.files;

/**
 * A trash item: what was at {@code path}, with {@code entries} namespace entries in all (1 for a
 * document or file) and {@code bytes} bytes of file data still charged to their owners.
 */
public record TrashInfo(long id, String path, String kind, int entries, long bytes, long deleted, String deletedBy) {
}
