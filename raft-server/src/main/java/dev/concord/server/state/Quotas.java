package dev.concord.server.state;

import dev.concord.config.FileLimits;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import java.util.Locale;

/**
 * File bytes charged per account ({@code q/{account}}) and to the cluster ({@code m/filebytes}).
 * An upload is charged its declared size at begin, so a refusal comes before any chunk is
 * replicated; the charge moves with the bytes into a blob and is released when the upload is
 * dropped or the blob's last version is deleted. Trash and kept versions stay charged.
 */
final class Quotas {
    private final KvStore store;
    private final FileStore files;
    private final FileLimits limits;

    Quotas(KvStore store, FileStore files, FileLimits limits) {
        this.store = store;
        this.files = files;
        this.limits = limits;
    }

    /** Charges {@code bytes} to {@code owner} and the cluster, or QUOTA_EXCEEDED with nothing charged. */
    void charge(String owner, long bytes) {
        long used = files.usage(owner);
        long cluster = files.clusterUsage();
        if (used + bytes > limits.userQuotaBytes()) {
            throw new ConcordException(ErrorCode.QUOTA_EXCEEDED, owner + " stores " + mib(used) + " of a "
                    + mib(limits.userQuotaBytes()) + " quota (kept versions, trash and unfinished uploads count) and"
                    + " this upload needs " + mib(bytes) + ": delete files and empty the trash (bin/concord file rm,"
                    + " file empty-trash), or raise file_quota_user_mib in cluster.conf");
        }
        if (cluster + bytes > limits.clusterQuotaBytes()) {
            throw new ConcordException(ErrorCode.QUOTA_EXCEEDED, "the cluster stores " + mib(cluster) + " of its "
                    + mib(limits.clusterQuotaBytes()) + " quota and this upload needs " + mib(bytes)
                    + ": empty the trash or delete files, or raise file_quota_cluster_mib in cluster.conf");
        }
        add(owner, bytes);
    }

    /** Adds {@code delta} (negative to release) to {@code owner}'s and the cluster's charge. */
    void add(String owner, long delta) {
        long used = files.usage(owner) + delta;
        if (used == 0) {
            store.delete(Keys.usage(owner));
        } else {
            store.put(Keys.usage(owner), Keys.longValue(used));
        }
        store.put(Keys.FILE_BYTES, Keys.longValue(files.clusterUsage() + delta));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
