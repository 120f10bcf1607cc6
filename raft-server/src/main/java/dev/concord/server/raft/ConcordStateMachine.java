package dev.concord.server.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.Command;
import dev.concord.protocol.Result;
import dev.concord.server.state.ReplicatedState;
import dev.concord.server.state.RocksStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only bridge between jraft and {@link ReplicatedState}: committed entries in, snapshots out.
 *
 * <p>Every entry is decoded from its bytes on every node, leader included, so all nodes run one code
 * path. The state store is committed once per {@code onApply} batch and only then are the leader's
 * closures answered and subscribers woken, so an acknowledged write is always readable.
 */
public final class ConcordStateMachine extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConcordStateMachine.class);

    private final RocksStore store;
    private final ReplicatedState state;
    private final LongConsumer onApplied;
    private volatile long term;
    private volatile boolean leader;
    private volatile boolean started;
    private volatile long snapshotIndex;
    private volatile long lastApplied;
    private volatile long installedSnapshotIndex;

    public ConcordStateMachine(RocksStore store, ReplicatedState state, LongConsumer onApplied) {
        this.store = store;
        this.state = state;
        this.onApplied = onApplied;
    }

    /** Closure of a proposed entry: receives that entry's results before it runs. */
    public abstract static class EntryClosure implements Closure {
        private List<Result> results = List.of();

        void setResults(List<Result> results) {
            this.results = results;
        }

        protected List<Result> results() {
            return results;
        }
    }

    @Override
    public void onApply(Iterator iter) {
        List<Runnable> replies = new ArrayList<>();
        long last = -1;
        while (iter.hasNext()) {
            long index = iter.getIndex();
            // duplicate(): reading in place would move the position of a buffer jraft re-sends to followers.
            ByteBuffer data = iter.getData().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            Command.Entry entry;
            try {
                entry = Payloads.decodeEntry(bytes);
            } catch (RuntimeException e) {
                // The leader only proposes entries it encoded itself: this is a corrupt log, not bad input.
                LOG.error("log entry {} cannot be decoded ({}); stopping this node's state machine."
                        + " Remove this node's data dir and restart it to recover from its peers.", index, e.getMessage());
                iter.setErrorAndRollback(1, new Status(RaftError.EINVAL, "undecodable entry %d", index));
                break;
            }
            List<Result> results = state.apply(entry, index);
            Closure done = iter.done();
            if (done instanceof EntryClosure c) {
                c.setResults(results);
                replies.add(() -> c.run(Status.OK()));
            }
            last = index;
            iter.next();
        }
        if (last >= 0) {
            state.commit();
            lastApplied = last;
            replies.forEach(Runnable::run);
            onApplied.accept(last);
        }
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        // A checkpoint is a memtable flush plus hard links: capturing it is writing it, in milliseconds.
        try {
            Path dir = Path.of(writer.getPath(), "state");
            store.checkpoint(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    if (!writer.addFile("state/" + f.getFileName())) {
                        throw new IOException("snapshot writer refused " + f);
                    }
                }
            }
            snapshotIndex = lastApplied;
            done.run(Status.OK());
        } catch (IOException | RuntimeException e) {
            LOG.error("snapshot failed: {}; the node keeps its log and tries again at the next interval", e.toString());
            done.run(new Status(RaftError.EIO, "snapshot failed: %s", e.getMessage()));
        }
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        Path dir = Path.of(reader.getPath(), "state");
        if (!Files.isDirectory(dir)) {
            LOG.error("snapshot at {} has no state folder; refusing it", reader.getPath());
            return false;
        }
        long index = reader.load().getLastIncludedIndex();
        store.restore(dir);
        snapshotIndex = index;
        lastApplied = index;
        if (started) {
            installedSnapshotIndex = index;
            LOG.info("installed snapshot at index {} from the leader", index);
        }
        return true;
    }

    /** Marks the end of start-up: later snapshot loads are installs from a leader. */
    void started() {
        started = true;
    }

    @Override
    public void onLeaderStart(long term) {
        this.term = term;
        this.leader = true;
        LOG.info("became leader in term {}", term);
    }

    @Override
    public void onLeaderStop(Status status) {
        this.leader = false;
        LOG.info("stepped down as leader: {}", status.getErrorMsg());
    }

    @Override
    public void onStartFollowing(LeaderChangeContext ctx) {
        this.term = ctx.getTerm();
    }

    @Override
    public void onError(RaftException e) {
        LOG.error("raft error: {}; this node stops applying. Check disk space and the node log,"
                + " then restart the node (bin/concord cluster start N)", e.getStatus());
    }

    public long term() {
        return term;
    }

    public boolean isLeader() {
        return leader;
    }

    public long snapshotIndex() {
        return snapshotIndex;
    }

    public long installedSnapshotIndex() {
        return installedSnapshotIndex;
    }
}
