package dev.concord.config;

/**
 * Shared-folder settings from cluster.conf. They shape replicated state (which versions are pruned,
 * which uploads are refused or expire), so every node of a cluster must use the same values.
 *
 * @param versionsKept {@code file_versions_kept}: versions kept per file; older ones are deleted
 * @param userQuotaBytes {@code file_quota_user_mib}: bytes one author may store (kept versions, trash, unfinished uploads)
 * @param clusterQuotaBytes {@code file_quota_cluster_mib}: bytes the whole cluster may store
 * @param uploadTimeoutMs {@code upload_timeout_s}: an upload with no chunk for this long is dropped
 */
public record FileLimits(int versionsKept, long userQuotaBytes, long clusterQuotaBytes, long uploadTimeoutMs) {
    public static final FileLimits DEFAULT = new FileLimits(10, 10_240L << 20, 102_400L << 20, 3_600_000L);
}
