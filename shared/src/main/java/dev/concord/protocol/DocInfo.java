package dev.concord.protocol;

/**
 * A document as {@code doc.list} shows it: stable {@code id} (survives renames), current path,
 * head revision and length (UTF-16 code units), and leader-stamped creation and last-edit times.
 */
public record DocInfo(long id, String path, int revision, int length, long created, long modified) {
}
