package dev.concord.client.net;

/**
 * Client tuning. {@code deadlineMs} bounds how long a request keeps retrying through failovers
 * before it fails with NO_QUORUM; it must exceed the cluster's worst election (timeout + delay +
 * a split vote) so a single leader crash never surfaces to callers.
 */
public record ClientOptions(long deadlineMs, long rpcTimeoutMs, int maxInFlight, int maxBatch, int maxBatchBytes) {

    public static ClientOptions defaults() {
        return new ClientOptions(5_000, 2_000, 4, 2048, 512 * 1024);
    }

    public ClientOptions withDeadlineMs(long ms) {
        return new ClientOptions(ms, rpcTimeoutMs, maxInFlight, maxBatch, maxBatchBytes);
    }
}
