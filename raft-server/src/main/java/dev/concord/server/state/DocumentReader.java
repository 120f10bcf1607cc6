package dev.concord.server.state;

import dev.concord.ot.Component;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocInfo;
import dev.concord.protocol.DocOp;
import dev.concord.protocol.DocPath;
import dev.concord.protocol.DocRefs;
import dev.concord.protocol.DocRevision;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Document queries for RPC threads. Each answer comes from one consistent committed view and
 * carries that view's applied index, so a client can subscribe to events right after it.
 */
public final class DocumentReader {
    private final KvStore store;

    public DocumentReader(KvStore store) {
        this.store = store;
    }

    public static boolean handles(Query q) {
        return q instanceof Query.DocList || q instanceof Query.DocOpen || q instanceof Query.DocHistory
                || q instanceof Query.DocAt || q instanceof Query.DocOps;
    }

    /** Checks a query's fields before the node spends a readIndex round on it. */
    public static void validate(Query q) {
        if (q instanceof Query.DocList l) {
            if (l.prefix() != null && l.prefix().length() > DocPath.MAX_BYTES) {
                throw new ConcordException(ErrorCode.TOO_LARGE, "prefix is longer than any path (" + DocPath.MAX_BYTES + ")");
            }
        } else if (q instanceof Query.DocOpen o) {
            DocPath.validate("path", o.path());
        } else if (q instanceof Query.DocHistory h) {
            DocPath.validate("path", h.path());
            DocRefs.revision("from", h.from());
        } else if (q instanceof Query.DocAt a) {
            DocPath.validate("path", a.path());
            DocRefs.revision("revision", a.revision());
        } else if (q instanceof Query.DocOps o) {
            DocRefs.id(o.id());
            DocRefs.revision("after", o.after());
        }
    }

    public Response serve(Query q) {
        validate(q);
        return store.readCommitted(r -> {
            DocStore docs = new DocStore(r);
            long index = Keys.longOf(r.get(Keys.APPLIED), 0);
            if (q instanceof Query.DocList l) {
                return list(r, docs, l.prefix() == null ? "" : l.prefix(), index);
            } else if (q instanceof Query.DocOpen o) {
                DocStore.Meta m = docs.byPath(o.path());
                return new Response.DocText(m.id(), m.path(), m.revision(), docs.textAt(m, m.revision()), index);
            } else if (q instanceof Query.DocAt a) {
                DocStore.Meta m = docs.byPath(a.path());
                requireRevision(m, a.revision());
                return new Response.DocText(m.id(), m.path(), a.revision(), docs.textAt(m, a.revision()), index);
            } else if (q instanceof Query.DocHistory h) {
                return history(docs, h, index);
            } else if (q instanceof Query.DocOps o) {
                DocStore.Meta m = docs.require(o.id());
                requireRevision(m, o.after());
                List<DocOp> ops = new ArrayList<>();
                for (DocStore.Stored s : docs.ops(m.id(), o.after(), m.revision(), page(o.limit()))) {
                    ops.add(s.op());
                }
                return new Response.DocOps(m.id(), m.path(), m.revision(), ops, index);
            }
            throw new ConcordException(ErrorCode.BAD_REQUEST, "not a document query: " + q.getClass().getSimpleName());
        });
    }

    private static Response list(KvStore.Reader r, DocStore docs, String prefix, long index) {
        List<DocInfo> out = new ArrayList<>();
        boolean[] more = {false};
        r.scan(Keys.name(prefix), Keys.nameEnd(prefix), (k, v) -> {
            DocStore.Name n = Codec.decode(v, DocStore.Name.class);
            if (!DocStore.Name.DOC.equals(n.kind())) {
                return true;
            }
            if (out.size() == Limits.MAX_PAGE) {
                more[0] = true;
                return false;
            }
            DocStore.Meta m = docs.meta(n.id());
            out.add(new DocInfo(m.id(), m.path(), m.revision(), m.length(), m.created(), m.modified()));
            return true;
        });
        return new Response.DocList(out, more[0], index);
    }

    private static Response history(DocStore docs, Query.DocHistory h, long index) {
        DocStore.Meta m = docs.byPath(h.path());
        List<DocRevision> out = new ArrayList<>();
        for (DocStore.Stored s : docs.ops(m.id(), Math.max(h.from(), 1) - 1, m.revision(), page(h.limit()))) {
            DocOp d = s.op();
            int inserted = 0;
            int deleted = 0;
            for (Component c : d.op().components()) {
                if (c instanceof Component.Insert) {
                    inserted += c.length();
                } else if (c instanceof Component.Delete) {
                    deleted += c.length();
                }
            }
            out.add(new DocRevision(d.revision(), d.author(), d.time(), d.index(), inserted, deleted, d.op().targetLength()));
        }
        return new Response.DocHistory(m.id(), m.path(), m.revision(), out, index);
    }

    private static void requireRevision(DocStore.Meta m, int revision) {
        if (revision > m.revision()) {
            throw new ConcordException(ErrorCode.NOT_FOUND, "revision " + revision + " of " + m.path()
                    + " does not exist yet; it is at revision " + m.revision());
        }
    }

    private static int page(int limit) {
        return Math.max(1, Math.min(limit, Limits.MAX_PAGE));
    }
}
