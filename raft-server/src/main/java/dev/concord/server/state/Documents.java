package dev.concord.server.state;

import dev.concord.ot.Component;
import dev.concord.ot.Rebase;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocOp;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies document writes. A submitted op is transformed against the ops committed since its base
 * revision (read back from history), checked, stored as the next revision, and announced as an
 * event.
 *
 * <p>Cost of an edit: the metadata, the ops since the base (usually none or a few), and, when the
 * text holds surrogate pairs, their index; never the text itself. Every so often a checkpoint of
 * the text is written: when the weight of the ops since the last one (a fixed cost per op plus the
 * chars it inserts) reaches a quarter of the document length (at least {@code minCheckpointWeight}),
 * so the amortized checkpoint cost per op is constant, and rebuilding a revision never replays more
 * than about length / (4 * opWeight) ops.
 */
final class Documents {

    /**
     * {@code maxRebase}: how far behind the head a base revision may be before the client must
     * reload; {@code opWeight}, {@code minCheckpointWeight}, {@code checkpointRatio}: the checkpoint
     * rule above.
     */
    record Tuning(int maxRebase, long opWeight, long minCheckpointWeight, int checkpointRatio) {
        static final Tuning DEFAULT = new Tuning(10_000, 64, 64 * 1024, 4);
    }

    private final KvStore store;
    private final DocStore docs;
    private final Tuning tuning;

    Documents(KvStore store) {
        this(store, Tuning.DEFAULT);
    }

    Documents(KvStore store, Tuning tuning) {
        this.store = store;
        this.docs = DocStore.live(store);
        this.tuning = tuning;
    }

    static boolean handles(Write op) {
        return op instanceof Write.DocCreate || op instanceof Write.DocRename || op instanceof Write.DocDelete
                || op instanceof Write.DocSubmit || op instanceof Write.DocRestore;
    }

    Result execute(Command cmd, long index, long now, List<Event> events) {
        Write op = cmd.op();
        if (op instanceof Write.DocSubmit s) {
            return submit(cmd, s, index, now, events);
        }
        if (op instanceof Write.DocCreate c) {
            return create(cmd, c.path(), index, now, events);
        }
        if (op instanceof Write.DocRename r) {
            return rename(cmd, r, index, now, events);
        }
        if (op instanceof Write.DocDelete d) {
            return delete(cmd, d.path(), index, now, events);
        }
        if (op instanceof Write.DocRestore r) {
            return restore(cmd, r, index, now, events);
        }
        throw new ConcordException(ErrorCode.BAD_REQUEST, "not a document write: " + op.getClass().getSimpleName());
    }

    private Result create(Command cmd, String path, long index, long now, List<Event> events) {
        requireFree(path);
        long id = Keys.longOf(store.get(Keys.DOC_SEQ), 0) + 1;
        store.put(Keys.DOC_SEQ, Keys.longValue(id));
        store.put(Keys.name(path), Codec.encode(new DocStore.Name(DocStore.Name.DOC, id)));
        putMeta(new DocStore.Meta(id, path, 0, 0, now, cmd.clientId(), now, 0, 0, 0, false));
        events.add(event(cmd, index, now, new Event.DocCreated(id, path)));
        return new Result.DocCreated(id, path, index);
    }

    private Result rename(Command cmd, Write.DocRename r, long index, long now, List<Event> events) {
        DocStore.Meta m = docs.byPath(r.path());
        if (r.to().equals(r.path())) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "document is already at " + r.to()
                    + "; give a different new path");
        }
        requireFree(r.to());
        store.delete(Keys.name(r.path()));
        store.put(Keys.name(r.to()), Codec.encode(new DocStore.Name(DocStore.Name.DOC, m.id())));
        putMeta(m.withPath(r.to()));
        events.add(event(cmd, index, now, new Event.DocRenamed(m.id(), r.path(), r.to())));
        return new Result.DocRenamed(m.id(), r.path(), r.to(), index);
    }

    /** Frees the name; metadata and history stay (marked deleted) so a later undelete or purge can act on them. */
    private Result delete(Command cmd, String path, long index, long now, List<Event> events) {
        DocStore.Meta m = docs.byPath(path);
        store.delete(Keys.name(path));
        putMeta(m.asDeleted());
        events.add(event(cmd, index, now, new Event.DocDeleted(m.id(), path)));
        return new Result.DocDeleted(m.id(), path, index);
    }

    private Result submit(Command cmd, Write.DocSubmit s, long index, long now, List<Event> events) {
        DocStore.Meta m = docs.require(s.id());
        int head = m.revision();
        if (s.base() > head) {
            throw new ConcordException(ErrorCode.STALE_REVISION, "base revision " + s.base() + " is ahead of document "
                    + m.path() + ", which is at revision " + head + "; reopen the document");
        }
        if (head - s.base() > tuning.maxRebase()) {
            throw new ConcordException(ErrorCode.STALE_REVISION, "base revision " + s.base() + " is " + (head - s.base())
                    + " revisions behind " + m.path() + " (the limit is " + tuning.maxRebase()
                    + "); reopen the document and redo the edit");
        }
        List<DocStore.Stored> since = docs.ops(m.id(), s.base(), head, Integer.MAX_VALUE);
        int baseLength = since.isEmpty() ? m.length() : since.get(0).op().op().baseLength();
        if (s.op().baseLength() != baseLength) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "op expects a document of " + s.op().baseLength()
                    + " chars but " + m.path() + " had " + baseLength + " at revision " + s.base()
                    + "; build the op against the text of that revision");
        }
        List<TextOperation> committed = new ArrayList<>(since.size());
        for (DocStore.Stored st : since) {
            committed.add(st.op().op());
        }
        TextOperation op = Rebase.onto(s.op(), committed);
        return commit(cmd, m, op, index, now, events, null);
    }

    private Result restore(Command cmd, Write.DocRestore r, long index, long now, List<Event> events) {
        DocStore.Meta m = docs.require(r.id());
        if (r.revision() > m.revision()) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "revision " + r.revision() + " of " + m.path()
                    + " does not exist; it is at revision " + m.revision());
        }
        String current = docs.textAt(m, m.revision());
        TextOperation op = Diff.between(current, docs.textAt(m, r.revision()));
        if (op.isNoop()) {
            return new Result.DocCommitted(m.id(), m.revision(), m.length(), index);
        }
        return commit(cmd, m, op, index, now, events, current);
    }

    /**
     * Stores {@code op} (applying to the head) as the next revision. {@code headText} is the head
     * text when the caller already has it, else null; it is only needed to write a checkpoint.
     */
    private Result commit(Command cmd, DocStore.Meta m, TextOperation op, long index, long now, List<Event> events,
                          String headText) {
        if (op.targetLength() > Limits.MAX_DOC_CHARS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, m.path() + " would grow to " + op.targetLength()
                    + " chars; the limit is " + Limits.MAX_DOC_CHARS + ": split the document");
        }
        if (m.revision() == Integer.MAX_VALUE) {
            throw new ConcordException(ErrorCode.TOO_LARGE, m.path() + " has reached the last revision number;"
                    + " copy its text into a new document");
        }
        int[] pairs = m.pairs() == 0 ? SurrogatePairs.NONE : SurrogatePairs.decode(store.get(Keys.docPairs(m.id())));
        SurrogatePairs.requireNoSplit(pairs, op);
        int[] after = SurrogatePairs.apply(pairs, op);
        if (after.length == 0) {
            store.delete(Keys.docPairs(m.id()));
        } else if (after != pairs) {
            store.put(Keys.docPairs(m.id()), SurrogatePairs.encode(after));
        }

        int rev = m.revision() + 1;
        long since = m.sinceCheckpoint() + weight(op);
        int checkpoint = m.checkpoint();
        if (since >= Math.max(tuning.minCheckpointWeight(), op.targetLength() / tuning.checkpointRatio())) {
            String before = headText != null ? headText : docs.rebuild(m.id(), m.checkpoint(), m.revision());
            store.put(Keys.docCheckpoint(m.id(), rev), op.apply(before).getBytes(StandardCharsets.UTF_8));
            checkpoint = rev;
            since = 0;
        }
        DocOp stored = new DocOp(rev, op, cmd.clientId(), cmd.clientId(), cmd.seq(), now, index);
        store.put(Keys.docOp(m.id(), rev), Codec.encode(new DocStore.Stored(stored, checkpoint)));
        putMeta(m.edited(op.targetLength(), now, checkpoint, since, after.length));
        events.add(event(cmd, index, now, new Event.DocEdited(m.id(), m.path(), rev, op, cmd.clientId())));
        return new Result.DocCommitted(m.id(), rev, op.targetLength(), index);
    }

    private long weight(TextOperation op) {
        long w = tuning.opWeight();
        for (Component c : op.components()) {
            if (c instanceof Component.Insert i) {
                w += i.length();
            }
        }
        return w;
    }

    /**
     * A path is free when nothing holds it, no ancestor is a document or file (only folders hold things),
     * and nothing lives below it (it would be a folder).
     */
    private void requireFree(String path) {
        if (docs.name(path) != null) {
            throw new ConcordException(ErrorCode.CONFLICT, path + " already exists; pick another path or open it");
        }
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            DocStore.Name a = docs.name(ancestor);
            if (a != null && !dev.concord.protocol.files.FileEntry.FOLDER.equals(a.kind())) {
                throw new ConcordException(ErrorCode.CONFLICT, ancestor + " is a " + a.kind() + ", so " + path
                        + " cannot be inside it; pick another path");
            }
        }
        String[] below = {null};
        store.scan(Keys.name(path + "/"), Keys.nameEnd(path + "/"), (k, v) -> {
            below[0] = new String(k, 2, k.length - 2, StandardCharsets.UTF_8);
            return false;
        });
        if (below[0] != null) {
            throw new ConcordException(ErrorCode.CONFLICT, path + " is a folder (it holds " + below[0]
                    + "); pick another path");
        }
    }

    private void putMeta(DocStore.Meta m) {
        store.put(Keys.docMeta(m.id()), Codec.encode(m));
    }

    private static Event event(Command cmd, long index, long now, Event.Change change) {
        return new Event(index, cmd.clientId(), cmd.seq(), now, change);
    }
}
