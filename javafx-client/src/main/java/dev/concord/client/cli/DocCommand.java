package dev.concord.client.cli;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.DocRevision;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord doc ...}: shared documents from the command line. Positions and lengths count
 * UTF-16 code units, as everywhere in Concord; an edit applies to the revision the command read
 * and the cluster transforms it past anything committed since.
 */
@Command(name = "doc", description = "Shared text documents.", mixinStandardHelpOptions = true)
final class DocCommand {
    @ParentCommand
    Main main;

    private static final String JSON = "print one JSON object";

    @Command(name = "new", description = "Create an empty document NAME (a path such as /notes/plan.txt).")
    int create(@Parameters(paramLabel = "NAME") String name, @Option(names = "--json", description = JSON) boolean json) {
        Result.DocCreated c = Results.expect(main.ctx.client().write(new Write.DocCreate(name)), Result.DocCreated.class);
        print(json, map("id", c.id(), "path", c.path(), "index", c.index()), "created " + c.path() + " (id " + c.id() + ")");
        return 0;
    }

    @Command(name = "ls", description = "List documents, optionally only those whose path starts with PREFIX.")
    int list(@Parameters(paramLabel = "PREFIX", arity = "0..1") String prefix,
             @Option(names = "--json", description = JSON) boolean json) {
        Response.DocList l = (Response.DocList) main.ctx.client().read(new Query.DocList(prefix));
        if (json) {
            main.ctx.printJson(map("docs", l.docs(), "more", l.more(), "index", l.index()));
        } else {
            l.docs().forEach(d -> main.ctx.out.println(d.path() + "\trev " + d.revision() + "\t" + d.length() + " chars"));
            if (l.more()) {
                main.ctx.out.println("(more: list with a longer PREFIX)");
            }
        }
        return 0;
    }

    @Command(name = "cat", description = "Print the text of NAME exactly (at revision R with --rev).")
    int cat(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--rev", paramLabel = "R", description = "an earlier revision (0 is the empty text)") Integer rev,
            @Option(names = "--json", description = JSON) boolean json) {
        Response.DocText t = rev == null ? open(name)
                : (Response.DocText) main.ctx.client().read(new Query.DocAt(name, rev));
        if (json) {
            main.ctx.printJson(map("id", t.id(), "path", t.path(), "revision", t.revision(), "text", t.text(), "index", t.index()));
        } else {
            main.ctx.out.print(t.text());
            main.ctx.out.flush();
        }
        return 0;
    }

    @Command(name = "insert", description = "Insert TEXT into NAME at position POS.")
    int insert(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "POS") int pos,
               @Parameters(paramLabel = "TEXT") String text, @Option(names = "--json", description = JSON) boolean json) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("TEXT is empty: nothing to insert");
        }
        Response.DocText t = open(name);
        requireRange(t, pos, 0);
        return submit(t, TextOperation.builder().retain(pos).insert(text).retain(t.text().length() - pos).build(), json,
                "inserted " + text.length() + " chars at " + pos);
    }

    @Command(name = "delete", description = "Delete LEN chars of NAME from position POS.")
    int delete(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "POS") int pos,
               @Parameters(paramLabel = "LEN") int len, @Option(names = "--json", description = JSON) boolean json) {
        if (len <= 0) {
            throw new IllegalArgumentException("LEN must be at least 1, got " + len);
        }
        Response.DocText t = open(name);
        requireRange(t, pos, len);
        return submit(t, TextOperation.builder().retain(pos).delete(len).retain(t.text().length() - pos - len).build(),
                json, "deleted " + len + " chars at " + pos);
    }

    @Command(name = "history", description = "List the revisions of NAME: time, author, chars inserted and deleted.")
    int history(@Parameters(paramLabel = "NAME") String name, @Option(names = "--json", description = JSON) boolean json) {
        List<DocRevision> all = new ArrayList<>();
        Response.DocHistory page;
        do {
            page = (Response.DocHistory) main.ctx.client().read(
                    new Query.DocHistory(name, all.size() + 1, Limits.MAX_PAGE));
            all.addAll(page.revisions());
        } while (!page.revisions().isEmpty() && all.size() < page.head());
        if (json) {
            main.ctx.printJson(map("id", page.id(), "path", page.path(), "head", page.head(), "revisions", all));
        } else {
            for (DocRevision r : all) {
                main.ctx.out.println(r.revision() + "\t" + Instant.ofEpochMilli(r.time()) + "\t" + r.author()
                        + "\t+" + r.inserted() + " -" + r.deleted() + "\t" + r.length() + " chars");
            }
        }
        return 0;
    }

    @Command(name = "restore", description = "Make NAME read as at revision REV again, as a new revision.")
    int restore(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "REV") int rev,
                @Option(names = "--json", description = JSON) boolean json) {
        Response.DocText t = open(name);
        Result.DocCommitted c = Results.expect(main.ctx.client().write(new Write.DocRestore(t.id(), rev)),
                Result.DocCommitted.class);
        print(json, committed(t, c), t.path() + " restored to revision " + rev + " as revision " + c.revision());
        return 0;
    }

    @Command(name = "mv", description = "Rename document OLD to NEW; its history stays.")
    int move(@Parameters(paramLabel = "OLD") String from, @Parameters(paramLabel = "NEW") String to,
             @Option(names = "--json", description = JSON) boolean json) {
        Result.DocRenamed r = Results.expect(main.ctx.client().write(new Write.DocRename(from, to)), Result.DocRenamed.class);
        print(json, map("id", r.id(), "from", r.from(), "to", r.to(), "index", r.index()), r.from() + " -> " + r.to());
        return 0;
    }

    @Command(name = "rm", description = "Delete document NAME.")
    int remove(@Parameters(paramLabel = "NAME") String name, @Option(names = "--json", description = JSON) boolean json) {
        Result.DocDeleted d = Results.expect(main.ctx.client().write(new Write.DocDelete(name)), Result.DocDeleted.class);
        print(json, map("id", d.id(), "path", d.path(), "index", d.index()), "deleted " + d.path());
        return 0;
    }

    private Response.DocText open(String name) {
        return (Response.DocText) main.ctx.client().read(new Query.DocOpen(name));
    }

    private int submit(Response.DocText t, TextOperation op, boolean json, String what) {
        op.apply(t.text()); // refuses here, with the position, an op that would cut a surrogate pair
        Result.DocCommitted c = Results.expect(main.ctx.client().write(new Write.DocSubmit(t.id(), t.revision(), op)),
                Result.DocCommitted.class);
        print(json, committed(t, c), what + ": " + t.path() + " is at revision " + c.revision());
        return 0;
    }

    private static void requireRange(Response.DocText t, int pos, int len) {
        if (pos < 0 || len < 0 || pos + len > t.text().length()) {
            throw new IllegalArgumentException("range " + pos + ".." + (pos + len) + " is outside " + t.path()
                    + " (0.." + t.text().length() + " UTF-16 chars at revision " + t.revision() + ")");
        }
    }

    private static Map<String, Object> committed(Response.DocText t, Result.DocCommitted c) {
        return map("id", c.id(), "path", t.path(), "revision", c.revision(), "length", c.length(), "index", c.index());
    }

    private void print(boolean json, Map<String, Object> value, String line) {
        if (json) {
            main.ctx.printJson(value);
        } else {
            main.ctx.out.println(line);
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
