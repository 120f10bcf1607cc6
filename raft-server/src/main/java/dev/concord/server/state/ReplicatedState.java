package dev.concord.server.state;

import dev.concord.config.FileLimits;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The replicated state of one node: a pure function of the committed log. It knows nothing about
 * Raft; the glue hands it each committed entry with its index and commits the store once per batch.
 *
 * <p>Invariants: apply reads no clock, random or hash-ordered collection; every client mistake is a
 * {@link Result.Rejected} that changes nothing but the exactly-once table; an unexpected exception in
 * one command rolls back that command's writes only, so every node ends in the same state.
 */
public final class ReplicatedState {
    /** How many log indexes of events a node keeps by default for subscribers that fall behind. */
    public static final long EVENT_RETAIN = 200_000;

    private final KvStore store;
    private final ClientTable clients;
    private final Registers registers;
    private final Streams streams;
    private final Documents documents;
    private final ChatCommands chat;
    private final Files files;
    private final long eventRetain;

    public ReplicatedState(KvStore store, long clientTtlMs) {
        this(store, clientTtlMs, EVENT_RETAIN);
    }

    public ReplicatedState(KvStore store, long clientTtlMs, long eventRetain) {
        this(store, clientTtlMs, eventRetain, FileLimits.DEFAULT);
    }

    /** {@code fileLimits} shape file state (versions kept, quotas, upload timeout): every node must use the same. */
    public ReplicatedState(KvStore store, long clientTtlMs, long eventRetain, FileLimits fileLimits) {
        this.store = store;
        this.eventRetain = eventRetain;
        this.clients = new ClientTable(store, clientTtlMs);
        this.registers = new Registers(store);
        this.streams = new Streams(store);
        this.documents = new Documents(store);
        this.chat = new ChatCommands(store);
        this.files = new Files(store, fileLimits);
    }

    /** Applies one committed entry; the returned results line up with the entry's commands. */
    public List<Result> apply(Command.Entry entry, long index) {
        if (entry.v() > Command.VERSION) {
            throw new IllegalStateException("log entry " + index + " has envelope version " + entry.v()
                    + " but this node understands " + Command.VERSION + ": upgrade this node");
        }
        long now = Keys.longOf(store.get(Keys.TIME), 0);
        List<Result> results = new ArrayList<>(entry.commands().size());
        List<Event> events = new ArrayList<>();
        for (Command cmd : entry.commands()) {
            now = Math.max(now, cmd.time());
            results.add(applyOne(cmd, index, now, events));
        }
        store.put(Keys.TIME, Keys.longValue(now));
        if (!events.isEmpty()) {
            store.put(Keys.events(index), Codec.encode(new EventList(events)));
        }
        pruneEvents(index);
        clients.maybeSweep(index, now);
        files.maybeSweep(index, now);
        store.put(Keys.APPLIED, Keys.longValue(index));
        return results;
    }

    private Result applyOne(Command cmd, long index, long now, List<Event> events) {
        ClientTable.Entry client = clients.entry(cmd.clientId());
        Result seen = clients.lookup(cmd.clientId(), cmd.seq(), client, index);
        if (seen != null) {
            return seen;
        }
        store.mark();
        int eventsBefore = events.size();
        Result result;
        try {
            cmd.op().validate();
            result = execute(cmd, index, now, events);
        } catch (ConcordException e) {
            store.rollbackToMark();
            trim(events, eventsBefore);
            result = new Result.Rejected(e.code(), e.getMessage(), index);
        } catch (RuntimeException e) {
            // A bug, not bad input: every node hits it at the same command, so roll back and report it.
            store.rollbackToMark();
            trim(events, eventsBefore);
            result = new Result.Rejected(ErrorCode.INTERNAL, "internal error applying "
                    + cmd.op().getClass().getSimpleName() + ": " + e + "; please report it", index);
        }
        clients.record(cmd.clientId(), cmd.seq(), now, result, client);
        return result;
    }

    private Result execute(Command cmd, long index, long now, List<Event> events) {
        Write op = cmd.op();
        if (op instanceof Write.Chat c) {
            return chat.execute(cmd, c.op(), index, now,
                    e -> events.add(new Event(index, cmd.clientId(), cmd.seq(), now, new Event.Chat(e))));
        }
        chat.checkSession(cmd.session());
        if (op instanceof Write.StreamAppend a) {
            var appended = streams.append(a.stream(), a.text(), index, now, cmd.clientId(), cmd.seq());
            events.add(new Event(index, cmd.clientId(), cmd.seq(), now,
                    new Event.StreamAppended(a.stream(), appended.offset(), a.text())));
            return appended;
        }
        if (op instanceof Write.Cas c) {
            String previous = registers.get(c.key());
            boolean swapped = Objects.equals(previous, c.expected());
            if (swapped) {
                registers.set(c.key(), c.value());
                events.add(new Event(index, cmd.clientId(), cmd.seq(), now,
                        new Event.RegisterChanged(c.key(), c.value())));
            }
            return new Result.CasResult(swapped, previous, index);
        }
        if (Documents.handles(op)) {
            return documents.execute(cmd, index, now, events);
        }
        if (Files.handles(op)) {
            return files.execute(cmd, index, now, events);
        }
        throw new ConcordException(ErrorCode.BAD_REQUEST, "unknown write " + op.getClass().getSimpleName());
    }

    private void pruneEvents(long index) {
        long pruned = Keys.longOf(store.get(Keys.PRUNED), 1);
        long horizon = index - eventRetain;
        if (horizon <= pruned) {
            return;
        }
        for (long i = pruned; i < horizon; i++) {
            store.delete(Keys.events(i));
        }
        store.put(Keys.PRUNED, Keys.longValue(horizon));
    }

    /** Writes the pending batch; called by the glue once per batch of applied entries. */
    public void commit() {
        store.commit();
    }

    private static void trim(List<Event> events, int size) {
        while (events.size() > size) {
            events.remove(events.size() - 1);
        }
    }

    /** The stored form of one entry's events. */
    record EventList(List<Event> events) {
    }
}
