package dev.concord.client.cli;

import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.FileDownload;
import dev.concord.client.session.FileTransfer;
import dev.concord.client.session.TextFiles;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileResult;
import dev.concord.protocol.files.FileVersion;
import dev.concord.protocol.files.TrashInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code concord file ...}: the shared folder tree. Paths in the cluster look like /photos/cat.png;
 * LOCAL is a path on this machine. Every subcommand prints one JSON object with --json.
 */
@Command(name = "file", mixinStandardHelpOptions = true,
        description = "Shared folders, files and their versions (documents live in the same tree).")
final class FileCommand {
    @ParentCommand
    Main main;

    private static final String JSON = "print one JSON object";
    private ClusterClient transferClient;

    @Option(names = "--author", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "NAME",
            description = "whom new entries are attributed and charged to (default: your login name)")
    String author;

    @Command(name = "put", description = "Upload LOCAL to PATH as its next version (missing folders are created).")
    int put(@Parameters(paramLabel = "LOCAL") Path local, @Parameters(paramLabel = "PATH") String path,
            @Option(names = "--expect", paramLabel = "V", description = "only if PATH is at version V (0: only if absent)")
            Long expect,
            @Option(names = "--json", description = JSON) boolean json) {
        long start = System.nanoTime();
        FileResult.Committed c;
        try (ProgressLine p = new ProgressLine(main.ctx.err, "put " + path, json)) {
            c = transfer().upload(local, path, expect, p);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        print(json, map("path", c.path(), "id", c.id(), "version", c.version(), "size", c.size(), "sha256", c.sha256(),
                "seconds", round(secs)), c.path() + " is at version " + c.version() + " (" + mib(c.size()) + ", sha256 "
                + c.sha256() + ")");
        return 0;
    }

    @Command(name = "get", description = "Download file or document PATH to LOCAL (refuses to overwrite without --force).")
    int get(@Parameters(paramLabel = "PATH") String path, @Parameters(paramLabel = "LOCAL") Path local,
            @Option(names = "--version", paramLabel = "V", description = "an older kept version") Long version,
            @Option(names = "--force", description = "overwrite LOCAL if it exists") boolean force,
            @Option(names = "--json", description = JSON) boolean json) {
        FileEntry e = stat(path);
        if (FileEntry.DOC.equals(e.kind())) {
            Response.DocText t = TextFiles.exportText(main.ctx.client(), path, local, force);
            print(json, map("path", path, "local", local.toString(), "kind", FileEntry.DOC, "revision", t.revision(),
                    "chars", t.text().length()), path + " (revision " + t.revision() + ") -> " + local);
            return 0;
        }
        FileDownload.Done d;
        try (ProgressLine p = new ProgressLine(main.ctx.err, "get " + path, json)) {
            d = new FileDownload(transferClient()).download(path, version == null ? 0 : version, local, force, p);
        }
        print(json, map("path", d.path(), "local", local.toString(), "kind", FileEntry.FILE, "id", d.id(),
                "version", d.version(), "size", d.size(), "sha256", d.sha256(), "resumedAt", d.resumedAt()),
                d.path() + " (version " + d.version() + ", " + mib(d.size()) + ") -> " + local + ", sha256 " + d.sha256());
        return 0;
    }

    @Command(name = "ls", description = "List folder DIR (default /): name, kind, size, version, author, modified.")
    int list(@Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "/") String dir,
             @Option(names = "--json", description = JSON) boolean json) {
        Response.File r = query(new FileQuery.List(dir));
        FileReply.Listing l = (FileReply.Listing) r.value();
        if (json) {
            main.ctx.printJson(map("dir", dir, "entries", l.entries(), "more", l.more(), "index", r.index()));
            return 0;
        }
        for (FileEntry e : l.entries()) {
            String size = FileEntry.FILE.equals(e.kind()) ? mib(e.size())
                    : FileEntry.DOC.equals(e.kind()) ? e.size() + " chars" : "-";
            String version = FileEntry.FOLDER.equals(e.kind()) ? "-" : (FileEntry.DOC.equals(e.kind()) ? "rev " : "v") + e.version();
            main.ctx.out.println(e.name() + (FileEntry.FOLDER.equals(e.kind()) ? "/" : "") + "\t" + e.kind() + "\t" + size
                    + "\t" + version + "\t" + (e.author() == null ? "-" : e.author()) + "\t"
                    + (e.modified() == 0 ? "-" : Instant.ofEpochMilli(e.modified())));
        }
        if (l.more()) {
            main.ctx.out.println("(more entries than one listing shows; list subfolders)");
        }
        return 0;
    }

    @Command(name = "mkdir", description = "Create folder DIR and any missing folders above it.")
    int mkdir(@Parameters(paramLabel = "DIR") String dir, @Option(names = "--json", description = JSON) boolean json) {
        Result.File r = write(new FileOp.MakeFolder(dir, author()));
        FileResult.FolderCreated c = (FileResult.FolderCreated) r.value();
        print(json, map("path", c.path(), "created", c.created(), "index", r.index()), "created " + String.join(", ", c.created()));
        return 0;
    }

    @Command(name = "mv", description = "Move or rename OLD to NEW; a folder moves with everything inside it.")
    int move(@Parameters(paramLabel = "OLD") String from, @Parameters(paramLabel = "NEW") String to,
             @Option(names = "--json", description = JSON) boolean json) {
        Result.File r = write(new FileOp.Move(from, to));
        FileResult.Moved m = (FileResult.Moved) r.value();
        print(json, map("kind", m.kind(), "from", m.from(), "to", m.to(), "entries", m.entries(), "index", r.index()),
                m.from() + " -> " + m.to() + (m.entries() > 1 ? " (" + m.entries() + " entries)" : ""));
        return 0;
    }

    @Command(name = "rm", description = "Move PATH (a folder with its contents, a document or a file) to the trash.")
    int remove(@Parameters(paramLabel = "PATH") String path, @Option(names = "--json", description = JSON) boolean json) {
        Result.File r = write(new FileOp.Delete(path, author()));
        FileResult.Trashed t = (FileResult.Trashed) r.value();
        print(json, map("kind", t.kind(), "path", t.path(), "trash", t.trash(), "entries", t.entries(), "index", r.index()),
                "moved " + t.path() + " to the trash as item " + t.trash() + " (bin/concord file untrash " + t.trash() + ")");
        return 0;
    }

    @Command(name = "versions", description = "List the kept versions of file PATH, oldest first.")
    int versions(@Parameters(paramLabel = "PATH") String path, @Option(names = "--json", description = JSON) boolean json) {
        FileReply.Versions v = (FileReply.Versions) query(new FileQuery.Versions(path)).value();
        if (json) {
            main.ctx.printJson(map("id", v.id(), "path", v.path(), "head", v.head(), "versions", v.versions()));
            return 0;
        }
        for (FileVersion fv : v.versions()) {
            main.ctx.out.println("v" + fv.version() + "\t" + mib(fv.size()) + "\t" + fv.author() + "\t"
                    + Instant.ofEpochMilli(fv.time()) + "\t" + fv.sha256()
                    + (fv.restoredFrom() > 0 ? "\t(restored from v" + fv.restoredFrom() + ")" : ""));
        }
        return 0;
    }

    @Command(name = "restore", description = "Make version VERSION of file PATH its newest version again.")
    int restore(@Parameters(paramLabel = "PATH") String path, @Parameters(paramLabel = "VERSION") long version,
                @Option(names = "--json", description = JSON) boolean json) {
        Result.File r = write(new FileOp.RestoreVersion(path, version, author()));
        FileResult.Committed c = (FileResult.Committed) r.value();
        print(json, map("id", c.id(), "path", c.path(), "version", c.version(), "restoredFrom", version, "size", c.size(),
                "sha256", c.sha256(), "index", r.index()), c.path() + ": version " + version + " is now version " + c.version());
        return 0;
    }

    @Command(name = "trash", description = "List the trash.")
    int trash(@Option(names = "--json", description = JSON) boolean json) {
        FileReply.Trash t = (FileReply.Trash) query(new FileQuery.Trash()).value();
        if (json) {
            main.ctx.printJson(map("items", t.items()));
            return 0;
        }
        for (TrashInfo i : t.items()) {
            main.ctx.out.println(i.id() + "\t" + i.path() + "\t" + i.kind() + "\t" + i.entries() + " entries\t"
                    + mib(i.bytes()) + "\t" + i.deletedBy() + "\t" + Instant.ofEpochMilli(i.deleted()));
        }
        return 0;
    }

    @Command(name = "untrash", description = "Put trash item ID back where it was (or at --to PATH).")
    int untrash(@Parameters(paramLabel = "ID") long id,
                @Option(names = "--to", paramLabel = "PATH", description = "restore it here instead") String to,
                @Option(names = "--json", description = JSON) boolean json) {
        Result.File r = write(new FileOp.RestoreTrash(id, to));
        FileResult.Restored x = (FileResult.Restored) r.value();
        print(json, map("trash", x.trash(), "kind", x.kind(), "path", x.path(), "index", r.index()),
                "restored " + x.path());
        return 0;
    }

    @Command(name = "empty-trash", description = "Delete trash item ID for good, or the whole trash without ID.")
    int emptyTrash(@Parameters(paramLabel = "ID", arity = "0..1") Long id,
                   @Option(names = "--json", description = JSON) boolean json) {
        Result.File r = write(new FileOp.EmptyTrash(id == null ? 0 : id));
        FileResult.TrashEmptied e = (FileResult.TrashEmptied) r.value();
        print(json, map("items", e.items(), "bytes", e.bytes(), "index", r.index()),
                "deleted " + e.items() + " trash items, freeing " + mib(e.bytes()));
        return 0;
    }

    @Command(name = "import", description = "Create an editable document PATH from local UTF-8 text file LOCAL.")
    int importText(@Parameters(paramLabel = "LOCAL") Path local, @Parameters(paramLabel = "PATH") String path,
                   @Option(names = "--json", description = JSON) boolean json) {
        TextFiles.Imported d = TextFiles.importText(main.ctx.client(), local, path);
        print(json, map("id", d.id(), "path", d.path(), "revision", d.revision(), "chars", d.length()),
                "imported " + local + " as document " + d.path() + " (" + d.length() + " chars)");
        return 0;
    }

    @Command(name = "usage", description = "Bytes stored by ACCOUNT (default: --author) and the cluster, with quotas.")
    int usage(@Parameters(paramLabel = "ACCOUNT", arity = "0..1") String account,
              @Option(names = "--json", description = JSON) boolean json) {
        FileReply.Usage u = (FileReply.Usage) query(new FileQuery.Usage(account != null ? account : author())).value();
        print(json, map("account", u.account(), "used", u.used(), "quota", u.quota(), "clusterUsed", u.clusterUsed(),
                "clusterQuota", u.clusterQuota()), u.account() + ": " + mib(u.used()) + " of " + mib(u.quota())
                + "; cluster: " + mib(u.clusterUsed()) + " of " + mib(u.clusterQuota()));
        return 0;
    }

    private FileTransfer transfer() {
        return new FileTransfer(transferClient(), author());
    }

    private ClusterClient transferClient() {
        if (transferClient == null) {
            transferClient = ClusterClient.connect(main.ctx.nodes(), FileTransfer.clientOptions());
            main.ctx.onClose(transferClient);
        }
        return transferClient;
    }

    private String author() {
        return author != null ? author : System.getProperty("user.name", "unknown");
    }

    private FileEntry stat(String path) {
        return ((FileReply.Stat) query(new FileQuery.Stat(path)).value()).entry();
    }

    private Response.File query(FileQuery q) {
        return (Response.File) main.ctx.client().read(new Query.File(q));
    }

    private Result.File write(FileOp op) {
        return Results.expect(main.ctx.client().write(new Write.File(op)), Result.File.class);
    }

    private void print(boolean json, Map<String, Object> value, String line) {
        if (json) {
            main.ctx.printJson(value);
        } else {
            main.ctx.out.println(line);
        }
    }

    static String mib(long bytes) {
        return bytes < 1024 * 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
