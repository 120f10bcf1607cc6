package dev.concord.protocol.files;

/**
 * An unfinished upload: chunks 0..{@code next}-1 ({@code received} bytes) are in. It is dropped when
 * no chunk arrives for the cluster's upload timeout; {@code expires} is when that happens (leader time).
 */
public record UploadInfo(long id, String path, String author, long size, String sha256, Long expect, int next,
                         int chunks, long received, long started, long touched, long expires) {
}
