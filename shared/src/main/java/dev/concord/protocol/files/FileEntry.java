package dev.concord.protocol.files;

/**
 * One entry of the shared tree as a listing shows it. {@code kind} is {@value #FOLDER},
 * {@value #DOC} or {@value #FILE}. For a file: {@code size} in bytes, {@code version} the head
 * version, {@code sha256} its checksum; for a document: {@code size} in UTF-16 chars and
 * {@code version} its revision; for a folder both are 0. {@code author} made the head version (a
 * document's last edit, a folder's creation; null for a folder that exists only because something
 * lies inside it); {@code modified} is leader time in epoch millis.
 */
public record FileEntry(String name, String path, String kind, long id, long size, long version, String author,
                        long modified, String sha256) {
    public static final String FOLDER = "folder";
    public static final String DOC = "doc";
    public static final String FILE = "file";
}
