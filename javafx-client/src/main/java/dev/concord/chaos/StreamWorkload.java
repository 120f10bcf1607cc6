package dev.concord.chaos;

import dev.concord.chaos.check.Op;
import dev.concord.client.net.ClusterClient;
import dev.concord.config.NodeAddress;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends of unique records ({@code c<client>-<n>}) to a few streams. After the run every node's
 * copy of every stream is read back and {@link StreamCheck} looks for acknowledged records that are
 * missing, records present twice, records whose append definitely failed, records nobody
 * appended, wrong offsets, and one client's appends out of order.
 */
public final class StreamWorkload implements Workload {

    /**
     * One append as the client saw it.
     *
     * @param offset the acknowledged offset, or -1 when not acknowledged
     */
    public record Append(int client, int process, String stream, String text, long invokeNanos,
                         long completeNanos, Op.Outcome outcome, long offset, String error) {
    }

    private final int streams;
    private final List<Append> appends = new ArrayList<>();
    private final List<OpRecord> records = new ArrayList<>();

    public StreamWorkload(int streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public void step(ChaosClient c) {
        String stream = "s" + c.random().nextInt(streams);
        String count = c.memory().merge("streams.count", "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
        String text = "c" + c.id() + "-" + count;
        int process = c.process();
        long invoke = System.nanoTime();
        try {
            Result r = ClusterClient.await(c.writer().submit(new Write.StreamAppend(stream, text)));
            long complete = System.nanoTime();
            if (r instanceof Result.Appended a) {
                add(new Append(c.id(), process, stream, text, invoke, complete, Op.Outcome.OK, a.offset(), null), null);
            } else {
                String why = r instanceof Result.Rejected rej ? rej.code() + ": " + rej.message() : String.valueOf(r);
                add(new Append(c.id(), process, stream, text, invoke, complete, Op.Outcome.FAIL, -1, why), null);
            }
        } catch (ConcordException e) {
            long complete = System.nanoTime();
            Op.Outcome outcome = OpRecord.writeOutcome(e);
            add(new Append(c.id(), process, stream, text, invoke, complete, outcome, -1, e.code().name()), e);
            if (outcome == Op.Outcome.UNKNOWN) {
                c.crashed();
            }
        }
    }

    private void add(Append a, ConcordException error) {
        OpRecord rec = new OpRecord(name(), a.process(), true, a.invokeNanos(), a.completeNanos(), a.outcome(),
                error == null ? null : error.code());
        synchronized (this) {
            appends.add(a);
            records.add(rec);
        }
    }

    public synchronized List<Append> appends() {
        return List.copyOf(appends);
    }

    @Override
    public synchronized List<OpRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public List<CheckReport> check(Context context) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            names.add("s" + s);
        }
        Map<Integer, Map<String, List<String>>> byNode = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (NodeAddress node : context.nodes()) {
            try {
                byNode.put(node.id(), StreamCheck.readAll(context.admin(), node, names));
            } catch (ConcordException e) {
                unreadable.add("node " + node.id() + ": " + e.getMessage());
            }
        }
        String name = "appends: none lost, none twice";
        if (!unreadable.isEmpty()) {
            return List.of(new CheckReport(name, CheckReport.Status.FAIL,
                    "could not read the streams back from every node", unreadable));
        }
        return List.of(StreamCheck.judge(name, appends(), byNode));
    }

    @Override
    public void writeHistory(Path dir) throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.resolve("history-streams.jsonl"), StandardCharsets.UTF_8)) {
            for (Append a : appends()) {
                out.write(Codec.toJson(a));
                out.write('\n');
            }
        }
    }
}
