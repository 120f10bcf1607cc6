package dev.concord.server.rpc;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Validation;
import dev.concord.protocol.WriteBatch;
import dev.concord.server.raft.ConcordStateMachine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Turns one write request into one log entry. Runs on a single thread so a connection's writes
 * reach the log in the order they were sent (bolt would otherwise dispatch them to a pool).
 *
 * <p>Before proposing: leadership check (NOT_LEADER with a hint), size and shape validation
 * (invalid writes are answered here and never reach the log), the {@link AccountGate} (passwords,
 * tokens, session hashes), and the leader's time stamp.
 */
public final class WriteProcessor implements RpcProcessor<Frames.WriteFrame> {
    private final Supplier<Node> node;
    private final AccountGate gate;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "concord-writes");
        t.setDaemon(true);
        return t;
    });
    private long lastStamp;
    private final PayloadBudget budget = new PayloadBudget();

    public WriteProcessor(Supplier<Node> node, AccountGate gate) {
        this.node = node;
        this.gate = gate;
    }

    @Override
    public String interest() {
        return Frames.WriteFrame.class.getName();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void handleRequest(RpcContext ctx, Frames.WriteFrame frame) {
        guarded(ctx, () -> propose(ctx, frame));
    }

    private static void guarded(RpcContext ctx, Runnable body) {
        try {
            body.run();
        } catch (ConcordException e) {
            Replies.send(ctx, new Response.Failure(e.code(), e.getMessage(), null));
        } catch (RuntimeException e) {
            Replies.send(ctx, new Response.Failure(ErrorCode.INTERNAL, "node failed to handle the write: " + e, null));
        }
    }

    private void propose(RpcContext ctx, Frames.WriteFrame frame) {
        // A null body is not too large but empty: decode refuses it with BAD_REQUEST.
        if ((frame.body != null && frame.body.length > Limits.MAX_FRAME_BYTES)
                || (frame.data != null && frame.data.length > Limits.MAX_FRAME_BYTES)) {
            throw new ConcordException(ErrorCode.TOO_LARGE, "write request over " + Limits.MAX_FRAME_BYTES
                    + " bytes; send fewer writes at once");
        }
        WriteBatch batch = Payloads.decodeWriteFrame(frame);
        Replies.checkProtocol(batch.protocol());
        if (batch.writes().isEmpty() || batch.writes().size() > Limits.MAX_BATCH_WRITES) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "a write request holds 1.."
                    + Limits.MAX_BATCH_WRITES + " writes, got " + batch.writes().size());
        }
        Node n = node.get();
        if (n == null || !n.isLeader()) {
            Replies.send(ctx, notLeader(n));
            return;
        }
        if (gate.slow(batch.writes())) {
            proposeAfterHashing(ctx, n, batch);
            return;
        }
        submit(ctx, n, admit(batch));
    }

    /**
     * A batch with a password op checks it against replicated state, so first readIndex: a new
     * leader may not have applied its predecessors' entries yet (Raft applies them only once its
     * own first entry commits), and a login must not miss an account that already exists. Hashing
     * takes tenths of a second, so it runs off this thread and other clients' writes keep flowing;
     * such a batch reaches the log possibly after writes sent later (a client waits for a login's
     * result before using its session anyway).
     */
    private void proposeAfterHashing(RpcContext ctx, Node n, WriteBatch batch) {
        // jraft may run this closure twice (its own timeout, then the late result): propose once.
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        n.readIndex(new byte[0], new ReadIndexClosure() {
            @Override
            public void run(Status st, long index, byte[] reqCtx) {
                if (!ran.compareAndSet(false, true)) {
                    return;
                }
                if (!st.isOk()) {
                    Replies.send(ctx, notLeader(n));
                    return;
                }
                gate.hashing().execute(() -> guarded(ctx, () -> {
                    Admission a = admit(batch);
                    executor.execute(() -> guarded(ctx, () -> submit(ctx, n, a)));
                }));
            }
        });
    }

    /** Writes accepted for the log, and the early answers of those refused before it. */
    private record Admission(Result[] early, List<ClientWrite> writes, List<AccountGate.Admitted> admitted) {
    }

    private Admission admit(WriteBatch batch) {
        Result[] early = new Result[batch.writes().size()];
        List<ClientWrite> writes = new ArrayList<>();
        List<AccountGate.Admitted> admitted = new ArrayList<>();
        for (int i = 0; i < early.length; i++) {
            ClientWrite w = batch.writes().get(i);
            try {
                if (w.op() == null) {
                    throw new ConcordException(ErrorCode.BAD_REQUEST, "write " + i + " has no op");
                }
                Validation.clientId(w.clientId());
                if (w.seq() <= 0) {
                    throw new ConcordException(ErrorCode.BAD_REQUEST, "seq must be positive, got " + w.seq());
                }
                w.op().validate();
                admitted.add(gate.admit(w));
                writes.add(w);
            } catch (ConcordException e) {
                early[i] = new Result.Rejected(e.code(), e.getMessage(), 0);
            }
        }
        return new Admission(early, writes, admitted);
    }

    private void submit(RpcContext ctx, Node n, Admission a) {
        if (a.writes().isEmpty()) {
            Replies.send(ctx, new Response.Results(List.of(a.early())));
            return;
        }
        long now = stamp();
        List<Command> commands = new ArrayList<>();
        List<UnaryOperator<Result>> finish = new ArrayList<>();
        for (int i = 0; i < a.writes().size(); i++) {
            ClientWrite w = a.writes().get(i);
            AccountGate.Admitted ad = a.admitted().get(i);
            commands.add(new Command(Command.VERSION, w.clientId(), w.seq(), now, ad.op(), ad.session()));
            finish.add(ad.finish());
        }
        // File chunks ride beside the JSON (each at most FILE_CHUNK_BYTES, checked by validate()): the limit is on the JSON.
        byte[] entry = Payloads.encodeEntry(new Command.Entry(Command.VERSION, commands));
        if (Payloads.jsonLength(entry) > Limits.MAX_ENTRY_BYTES) {
            throw new ConcordException(ErrorCode.TOO_LARGE, "writes encode to " + entry.length
                    + " bytes; one request may carry at most " + Limits.MAX_ENTRY_BYTES + ": send fewer at once");
        }
        long payload = entry.length - Payloads.jsonLength(entry);
        if (payload > 0 && !budget.tryAcquire(payload)) {
            throw new ConcordException(ErrorCode.UNAVAILABLE, "the leader has " + (budget.inFlight() >> 20)
                    + " MiB of file chunks in flight; retry shortly");
        }
        n.apply(new Task(ByteBuffer.wrap(entry), new ReplyClosure(ctx, a.early(), finish, n, payload, budget)));
    }

    /** Leader time in epoch millis, never going backwards on this node. */
    private long stamp() {
        lastStamp = Math.max(lastStamp, System.currentTimeMillis());
        return lastStamp;
    }

    static Response.Failure notLeader(Node n) {
        PeerId leader = n == null ? null : n.getLeaderId();
        boolean known = leader != null && !leader.isEmpty();
        return new Response.Failure(ErrorCode.NOT_LEADER, known
                ? "not the leader; send writes to " + leader.getEndpoint()
                : "no leader known yet (election in progress); retry shortly",
                known ? leader.getEndpoint().toString() : null);
    }

    /** Answers the client once the entry is applied (or failed to commit). */
    private static final class ReplyClosure extends ConcordStateMachine.EntryClosure {
        private final RpcContext ctx;
        private final Result[] early;
        private final List<UnaryOperator<Result>> finish;
        private final Node node;
        private final long payload;
        private final PayloadBudget budget;

        ReplyClosure(RpcContext ctx, Result[] early, List<UnaryOperator<Result>> finish, Node node, long payload,
                     PayloadBudget budget) {
            this.ctx = ctx;
            this.early = early;
            this.finish = finish;
            this.node = node;
            this.payload = payload;
            this.budget = budget;
        }

        @Override
        public void run(Status status) {
            budget.release(payload);
            if (!status.isOk()) {
                // Not committed by us; it may still commit under the next leader, so the client
                // retries with the same (clientId, seq) and the table answers if it did.
                boolean busy = status.getRaftError() == RaftError.EBUSY;
                Replies.send(ctx, busy
                        ? new Response.Failure(ErrorCode.UNAVAILABLE, "leader is overloaded: " + status.getErrorMsg() + "; retry", null)
                        : notLeader(node));
                return;
            }
            List<Result> applied = results();
            List<Result> all = new ArrayList<>(early.length);
            int next = 0;
            for (Result r : early) {
                if (r != null) {
                    all.add(r);
                } else {
                    all.add(finish.get(next).apply(applied.get(next)));
                    next++;
                }
            }
            Replies.send(ctx, new Response.Results(all));
        }
    }
}
