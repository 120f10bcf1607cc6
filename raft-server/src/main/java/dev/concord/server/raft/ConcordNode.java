package dev.concord.server.raft;

import com.alipay.remoting.rpc.RpcServer;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;
import dev.concord.config.ClusterConfig;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.NodeStatus;
import dev.concord.server.auth.Tokens;
import dev.concord.server.feed.CaretTable;
import dev.concord.server.feed.Feed;
import dev.concord.server.feed.Presence;
import dev.concord.server.rpc.AccountGate;
import dev.concord.server.rpc.CaretProcessor;
import dev.concord.server.rpc.ChatQueries;
import dev.concord.server.rpc.FrameSerializer;
import dev.concord.server.rpc.ReadProcessor;
import dev.concord.server.rpc.WriteProcessor;
import dev.concord.server.state.ChatReader;
import dev.concord.server.state.ReplicatedState;
import dev.concord.server.state.RocksStore;
import dev.concord.server.state.StateReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Concord node: where every jraft option and on-disk path is decided.
 * <pre>
 *   data_dir/node-N/  LOCK  node.pid  node.log
 *                     raft/log  raft/meta  raft/snapshot   (jraft: RocksDB log, metadata, snapshots)
 *                     state/                               (RocksDB state; rebuilt from snapshot + log at start)
 * </pre>
 */
public final class ConcordNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConcordNode.class);

    private final ClusterConfig config;
    private final NodeAddress self;
    private final FileChannel lockChannel;
    private final RocksStore store;
    private final Feed feed;
    private final CaretTable carets = new CaretTable();
    private final AccountGate gate;
    private final ConcordStateMachine fsm;
    private final RaftGroupService group;
    private final Node node;
    private final Method termGetter;

    private ConcordNode(ClusterConfig config, int id) throws IOException {
        this.config = config;
        this.self = config.node(id);
        Path dir = config.nodeDir(id);
        Files.createDirectories(dir.resolve("raft"));
        this.lockChannel = lock(dir);
        checkPortFree(self);
        this.store = RocksStore.openEmpty(dir.resolve("state"));
        StateReader reader = new StateReader(store, config.files());
        this.feed = new Feed(reader);
        ReplicatedState state = new ReplicatedState(store, config.clientTtlSecs() * 1000L, ReplicatedState.EVENT_RETAIN,
                config.files());
        this.fsm = new ConcordStateMachine(store, state, feed::applied);

        FrameSerializer.register();
        tuneLogStorage();
        BoltRpcServer rpc = new BoltRpcServer(new RpcServer(self.host(), self.port(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        Node[] holder = new Node[1];
        ChatReader chatReader = new ChatReader(store);
        this.gate = new AccountGate(chatReader, config.passwordIterations(), config.requireAuth());
        rpc.registerProcessor(new WriteProcessor(() -> holder[0], gate));
        rpc.registerProcessor(new ReadProcessor(() -> holder[0], reader, feed, this::status,
                new ChatQueries(chatReader, new Presence(), config.requireAuth())));
        rpc.registerProcessor(new CaretProcessor(() -> holder[0], carets, token -> {
            ChatReader.Who who = chatReader.who(Tokens.hash(token));
            return who == null ? null : who.name();
        }, config.requireAuth()));

        NodeOptions opts = new NodeOptions();
        opts.setFsm(fsm);
        opts.setInitialConf(conf(config));
        opts.setElectionTimeoutMs(config.electionTimeoutMs());
        opts.setSnapshotIntervalSecs(config.snapshotIntervalSecs());
        opts.setLogUri(dir.resolve("raft/log").toString());
        opts.setRaftMetaUri(dir.resolve("raft/meta").toString());
        opts.setSnapshotUri(dir.resolve("raft/snapshot").toString());
        opts.setSharedTimerPool(true);
        RaftOptions raft = new RaftOptions();
        raft.setMaxElectionDelayMs(config.maxElectionDelayMs());
        raft.setSync(Boolean.parseBoolean(System.getProperty("concord.raft.sync", "true")));
        // File chunks make 1 MiB entries. jraft puts at least one entry in each AppendEntries and adds
        // more while the body is under maxBodySize, so a chunk always travels (alone); 1 MiB batches
        // small entries twice as far as the 512 KiB default but never two chunks, whose 2 MiB body
        // would be a humongous object for G1 on every node (LocalCluster.LARGE_REGIONS). The log
        // writer syncs each time its buffer passes maxAppendBufferSize (256 KiB: one fsync per
        // chunk); 4 MiB lets chunks that arrive together share one. Snapshot files (RocksDB
        // checkpoints holding file data) are copied in 1 MiB pieces instead of 128 KiB, so an
        // install of hundreds of MiB takes hundreds of round trips, not thousands.
        raft.setMaxBodySize(1024 * 1024);
        raft.setMaxAppendBufferSize(4 * 1024 * 1024);
        raft.setMaxByteCountPerRpc(1024 * 1024);
        opts.setRaftOptions(raft);

        this.group = new RaftGroupService(config.group(), new PeerId(self.host(), self.port()), opts, rpc);
        this.node = group.start();
        holder[0] = node;
        fsm.started();
        this.termGetter = termGetter(node);
        Files.writeString(dir.resolve("node.pid"), Long.toString(ProcessHandle.current().pid()));
        LOG.info("node {} up at {} (group {}, {} nodes, data {})", id, self.address(), config.group(),
                config.nodes().size(), dir);
    }

    /**
     * jraft's RocksDB log compresses with LZ4 and compacts level by level, so each 1 MiB file chunk
     * was compressed (uselessly: file data rarely compresses) and rewritten several times on every
     * node; flush and compaction threads cost more CPU than the rest of an upload. Values of 64 KiB
     * and more go to blob files instead, written once at flush and deleted whole once the log is
     * truncated past them; the rest stays as jraft sets it. JVM-wide: jraft reads it per log open.
     */
    private static synchronized void tuneLogStorage() {
        if (logStorageTuned) {
            return;
        }
        ColumnFamilyOptions cf = StorageOptionsFactory.getDefaultRocksDBColumnFamilyOptions()
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setEnableBlobFiles(true)
                .setMinBlobSize(64 * 1024)
                .setBlobFileSize(256L * 1024 * 1024);
        StorageOptionsFactory.registerRocksDBColumnFamilyOptions(RocksDBLogStorage.class, cf);
        logStorageTuned = true;
    }

    private static boolean logStorageTuned;

    /** Starts node {@code id} of {@code config}; fails at once if its port or data dir is taken. */
    public static ConcordNode start(ClusterConfig config, int id) {
        try {
            return new ConcordNode(config, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Configuration conf(ClusterConfig config) {
        Configuration c = new Configuration();
        c.parse(config.peers());
        return c;
    }

    private static FileChannel lock(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            String pid = readPid(dir);
            throw new IllegalStateException("data dir " + dir + " is in use by a running node" + pid
                    + "; stop it first (bin/concord cluster stop N) or give this node another data_dir");
        }
        return ch;
    }

    private static String readPid(Path dir) {
        try {
            return " (pid " + Files.readString(dir.resolve("node.pid"), StandardCharsets.UTF_8).trim() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void checkPortFree(NodeAddress self) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(self.host(), self.port()));
        } catch (IOException e) {
            throw new IllegalStateException("port " + self.address() + " is already in use (" + e.getMessage()
                    + "); is node " + self.id() + " already running? Check with bin/concord cluster status");
        }
    }

    private static Method termGetter(Node node) {
        try {
            Method m = node.getClass().getDeclaredMethod("getCurrentTerm");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** This node's view of the group, for status requests. */
    public NodeStatus status() {
        long term = fsm.term();
        if (termGetter != null) {
            try {
                term = (long) termGetter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to the term seen in leader-change callbacks
            }
        }
        PeerId leader = node.getLeaderId();
        int leaderId = 0;
        if (leader != null && !leader.isEmpty()) {
            for (NodeAddress n : config.nodes()) {
                if (n.port() == leader.getPort() && n.host().equals(leader.getIp())) {
                    leaderId = n.id();
                }
            }
        }
        return new NodeStatus(self.id(), self.address(), config.group(), role(node.getNodeState()), term, leaderId, node.getLastLogIndex(), node.getLastCommittedIndex(),
                node.getLastAppliedLogIndex(), fsm.snapshotIndex(), fsm.installedSnapshotIndex());
    }

    private static String role(com.alipay.sofa.jraft.core.State state) {
        return switch (state) {
            case STATE_LEADER, STATE_TRANSFERRING -> "LEADER";
            case STATE_FOLLOWER -> "FOLLOWER";
            case STATE_CANDIDATE -> "CANDIDATE";
            default -> "UNKNOWN";
        };
    }

    public Node raftNode() {
        return node;
    }

    /** Blocks until the node is shut down. */
    public void join() throws InterruptedException {
        node.join();
    }

    @Override
    public void close() {
        LOG.info("node {} shutting down", self.id());
        group.shutdown();
        try {
            group.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feed.close();
        carets.close();
        gate.close();
        store.close();
        try {
            Files.deleteIfExists(config.nodeDir(self.id()).resolve("node.pid"));
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("could not clean up {}: {}", config.nodeDir(self.id()), e.getMessage());
        }
        LOG.info("node {} stopped", self.id());
    }
}
