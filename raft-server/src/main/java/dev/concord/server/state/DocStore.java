package dev.concord.server.state;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocOp;
import dev.concord.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored documents as seen through one view: apply's pending view or a committed snapshot. Apply
 * and queries share it, so both rebuild text the same way.
 *
 * <p>Text at revision r is the checkpoint c at or before r (revision 0 is the empty text) with the
 * ops of revisions c+1..r applied. The ops are composed pairwise, as a balanced tree, and the result
 * applied once: rebuilding costs O(length + n log n) for n ops, not O(length * n).
 */
final class DocStore {
    /** Namespace entry under {@code n/{path}}; {@code kind} lets files and folders share the namespace. */
    record Name(String kind, long id) {
        static final String DOC = "doc";
    }

    /**
     * Document metadata under {@code D/{id}}. {@code checkpoint} is the latest checkpointed revision
     * (0: none, the empty text), {@code sinceCheckpoint} the weight of the ops after it, {@code pairs}
     * the number of surrogate pairs in the head text. A deleted document keeps its history.
     */
    record Meta(long id, String path, int revision, int length, long created, String createdBy, long modified,
                int checkpoint, long sinceCheckpoint, int pairs, boolean deleted) {

        Meta withPath(String newPath) {
            return new Meta(id, newPath, revision, length, created, createdBy, modified, checkpoint,
                    sinceCheckpoint, pairs, deleted);
        }

        Meta asDeleted() {
            return new Meta(id, path, revision, length, created, createdBy, modified, checkpoint,
                    sinceCheckpoint, pairs, true);
        }

        Meta edited(int newLength, long time, int newCheckpoint, long newSince, int newPairs) {
            return new Meta(id, path, revision + 1, newLength, created, createdBy, time, newCheckpoint,
                    newSince, newPairs, deleted);
        }
    }

    /** History entry under {@code h/{id}{rev}}: the op and the latest checkpoint at or before it. */
    record Stored(DocOp op, int checkpoint) {
    }

    private final KvStore.Reader view;

    DocStore(KvStore.Reader view) {
        this.view = view;
    }

    /** Apply's view: reads include the pending batch. */
    static DocStore live(KvStore store) {
        return new DocStore(store.asReader());
    }

    KvStore.Reader view() {
        return view;
    }

    Name name(String path) {
        byte[] v = view.get(Keys.name(path));
        return v == null ? null : Codec.decode(v, Name.class);
    }

    Meta meta(long id) {
        byte[] v = view.get(Keys.docMeta(id));
        return v == null ? null : Codec.decode(v, Meta.class);
    }

    /** The live document {@code id}, or NOT_FOUND. */
    Meta require(long id) {
        Meta m = meta(id);
        if (m == null || m.deleted()) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "document " + id + (m == null ? " does not exist"
                    : " (" + m.path() + ") was deleted") + "; list documents with doc.list");
        }
        return m;
    }

    /** The live document at {@code path}, or NOT_FOUND. */
    Meta byPath(String path) {
        Name n = name(path);
        if (n == null || !Name.DOC.equals(n.kind())) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "no document at " + path
                    + "; list documents with doc.list (bin/concord doc ls)");
        }
        return require(n.id());
    }

    Stored op(long id, int rev) {
        byte[] v = view.get(Keys.docOp(id, rev));
        if (v == null) {
            throw corrupt("document " + id + " has no stored op for revision " + rev);
        }
        return Codec.decode(v, Stored.class);
    }

    /** Up to {@code limit} stored ops of revisions {@code after+1 .. upTo}, in order. */
    List<Stored> ops(long id, int after, int upTo, int limit) {
        List<Stored> out = new ArrayList<>();
        if (upTo <= after || limit <= 0) {
            return out;
        }
        view.scan(Keys.docOp(id, after + 1L), Keys.docOp(id, upTo + 1L), (k, v) -> {
            out.add(Codec.decode(v, Stored.class));
            return out.size() < limit;
        });
        return out;
    }

    /** The text of document {@code m} at revision {@code rev} (0..head). */
    String textAt(Meta m, int rev) {
        if (rev == 0) {
            return "";
        }
        int checkpoint = rev == m.revision() ? m.checkpoint() : op(m.id(), rev).checkpoint();
        return rebuild(m.id(), checkpoint, rev);
    }

    /** Checkpoint {@code checkpoint} with the ops up to {@code rev} applied. */
    String rebuild(long id, int checkpoint, int rev) {
        String base = checkpoint == 0 ? "" : checkpointText(id, checkpoint);
        if (rev == checkpoint) {
            return base;
        }
        List<TextOperation> ops = new ArrayList<>(rev - checkpoint);
        for (Stored s : ops(id, checkpoint, rev, Integer.MAX_VALUE)) {
            ops.add(s.op().op());
        }
        if (ops.size() != rev - checkpoint) {
            throw corrupt("document " + id + " is missing ops between revisions " + checkpoint + " and " + rev);
        }
        return composeAll(ops).apply(base);
    }

    private String checkpointText(long id, int rev) {
        byte[] v = view.get(Keys.docCheckpoint(id, rev));
        if (v == null) {
            throw corrupt("document " + id + " has no checkpoint at revision " + rev);
        }
        return new String(v, StandardCharsets.UTF_8);
    }

    private static IllegalStateException corrupt(String what) {
        return new IllegalStateException(what + ": this node's state is damaged; remove its data dir and restart it"
                + " to recover from its peers");
    }

    /** The composition of consecutive ops, built as a balanced tree so each level costs O(total components). */
    static TextOperation composeAll(List<TextOperation> ops) {
        List<TextOperation> level = new ArrayList<>(ops);
        while (level.size() > 1) {
            List<TextOperation> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(level.get(i).compose(level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }
}
