package dev.concord.protocol;

/**
 * One node's view of the group. {@code leaderId} is 0 when the node knows no leader;
 * {@code snapshotIndex} is the last snapshot this node saved or installed.
 */
public record NodeStatus(
        int id,
        String address,
        String group,
        String role,
        long term,
        int leaderId,
        long lastLogIndex,
        long committedIndex,
        long appliedIndex,
        long snapshotIndex,
        long installedSnapshotIndex) {
}
