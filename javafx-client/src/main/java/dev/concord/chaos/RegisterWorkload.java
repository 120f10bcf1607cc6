package dev.concord.chaos;

import dev.concord.chaos.check.CheckResult;
import dev.concord.chaos.check.HistoryJson;
import dev.concord.chaos.check.LinearizabilityChecker;
import dev.concord.chaos.check.Op;
import dev.concord.chaos.check.Verdict;
import dev.concord.client.net.ClusterClient;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compare-and-set registers over a small keyspace, read and swapped by every client, checked for
 * linearizability key by key. Every written value is unique ({@code v<client>.<n>}), so a read
 * names exactly the write it saw. A client usually expects the value it last saw (most swaps
 * succeed), sometimes absent (most of those fail), and now and then deletes.
 */
public final class RegisterWorkload implements Workload {
    private final int keys;
    private final List<Op> history = new ArrayList<>();
    private final List<OpRecord> records = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();

    public RegisterWorkload(int keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "registers";
    }

    @Override
    public void step(ChaosClient c) {
        Random rnd = c.random();
        String key = "r" + rnd.nextInt(keys);
        if (rnd.nextBoolean()) {
            read(c, key);
        } else {
            cas(c, key, rnd);
        }
    }

    private void read(ChaosClient c, String key) {
        int process = c.process();
        long invoke = System.nanoTime();
        try {
            Response r = c.client().read(new Query.Get(key));
            long complete = System.nanoTime();
            if (r instanceof Response.Value v) {
                c.memory().put(memoryKey(key), v.value());
                add(Op.get(process, key, invoke, complete, v.value()), false, null);
                return;
            }
            add(new Op(process, key, Op.Kind.GET, null, null, invoke, complete, Op.Outcome.FAIL, null), false, null);
        } catch (ConcordException e) {
            long complete = System.nanoTime();
            add(new Op(process, key, Op.Kind.GET, null, null, invoke, complete, Op.Outcome.FAIL, null), false, e);
        }
    }

    private void cas(ChaosClient c, String key, Random rnd) {
        String seen = c.memory().get(memoryKey(key));
        String expected = rnd.nextInt(10) < 8 ? seen : null;
        String value = expected != null && rnd.nextInt(20) == 0 ? null
                : "v" + c.id() + "." + written.incrementAndGet();
        int process = c.process();
        long invoke = System.nanoTime();
        try {
            Result r = ClusterClient.await(c.writer().submit(new Write.Cas(key, expected, value)));
            long complete = System.nanoTime();
            if (r instanceof Result.CasResult cr) {
                c.memory().put(memoryKey(key), cr.swapped() ? value : cr.previous());
                add(Op.cas(process, key, expected, value, invoke, complete, cr.swapped(), cr.previous()), true, null);
            } else {
                add(new Op(process, key, Op.Kind.CAS, expected, value, invoke, complete, Op.Outcome.FAIL, null),
                        true, null);
            }
        } catch (ConcordException e) {
            long complete = System.nanoTime();
            Op.Outcome outcome = OpRecord.writeOutcome(e);
            add(new Op(process, key, Op.Kind.CAS, expected, value, invoke, complete, outcome, null), true, e);
            if (outcome == Op.Outcome.UNKNOWN) {
                c.crashed();
                c.memory().remove(memoryKey(key));
            }
        }
    }

    private static String memoryKey(String key) {
        return "registers." + key;
    }

    private void add(Op op, boolean write, ConcordException error) {
        // Op keeps NEVER for unknowns; the record keeps when the client gave up, for the hang check.
        long complete = op.outcome() == Op.Outcome.UNKNOWN ? System.nanoTime() : op.completeNanos();
        OpRecord rec = new OpRecord(name(), op.process(), write, op.invokeNanos(), complete, op.outcome(),
                error == null ? null : error.code());
        synchronized (this) {
            history.add(op);
            records.add(rec);
        }
    }

    @Override
    public synchronized List<OpRecord> records() {
        return List.copyOf(records);
    }

    /** The register history in the checker's form. */
    public synchronized List<Op> history() {
        return List.copyOf(history);
    }

    @Override
    public List<CheckReport> check(Context context) throws InterruptedException {
        List<Op> ops = history();
        LinearizabilityChecker checker = new LinearizabilityChecker(LinearizabilityChecker.Options.defaults()
                .withPerKeyTimeout(Duration.ofSeconds(30)).withParallelism(2));
        CheckResult result = checker.check(ops);
        String name = "linearizable registers";
        String summary = result.keys().size() + " keys, " + ops.size() + " ops, checked in "
                + String.format("%.1f s", result.elapsedNanos() / 1e9);
        if (result.verdict() == Verdict.PASS) {
            return List.of(CheckReport.pass(name, summary));
        }
        List<String> evidence = result.toText(20).lines().toList();
        CheckReport.Status status = result.verdict() == Verdict.FAIL
                ? CheckReport.Status.FAIL : CheckReport.Status.INCONCLUSIVE;
        String what = status == CheckReport.Status.FAIL
                ? result.withVerdict(Verdict.FAIL).size() + " key(s) not linearizable"
                : "search bound hit on " + result.withVerdict(Verdict.UNKNOWN).size()
                        + " key(s); rerun with fewer clients or a lower --rate";
        return List.of(new CheckReport(name, status, what + "; " + summary, evidence));
    }

    @Override
    public void writeHistory(Path dir) throws IOException {
        HistoryJson.write(dir.resolve("history-registers.jsonl"), history());
    }
}
