package dev.concord.client.cli;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.StreamRecord;
import dev.concord.protocol.Write;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code concord stream append NAME TEXT} and {@code concord stream read NAME [--from I]}. */
@Command(name = "stream", description = "Append-only named logs.", mixinStandardHelpOptions = true)
final class StreamCommand {
    @ParentCommand
    Main main;

    @Command(name = "append", description = "Append TEXT to stream NAME; prints its offset and log index.")
    int append(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "TEXT") String text,
               @Option(names = "--json", description = "print one JSON object") boolean json) {
        Result r = main.ctx.client().write(new Write.StreamAppend(name, text));
        Result.Appended a = Results.expect(r, Result.Appended.class);
        if (json) {
            main.ctx.printJson(a);
        } else {
            main.ctx.out.println(name + "[" + a.offset() + "] appended at log index " + a.index());
        }
        return 0;
    }

    @Command(name = "read", description = "Print records of stream NAME from offset --from.")
    int read(@Parameters(paramLabel = "NAME") String name,
             @Option(names = "--from", defaultValue = "0", paramLabel = "I", description = "first offset (default 0)") long from,
             @Option(names = "--limit", defaultValue = "1000", paramLabel = "N", description = "most records (default 1000)") int limit,
             @Option(names = "--json", description = "print one JSON object") boolean json) {
        if (from < 0) {
            throw new ConcordException(dev.concord.protocol.ErrorCode.BAD_REQUEST, "--from must be >= 0");
        }
        Response.Records recs = (Response.Records) main.ctx.client().read(new Query.StreamRead(name, from, limit));
        if (json) {
            main.ctx.printJson(recs);
        } else {
            for (StreamRecord r : recs.records()) {
                main.ctx.out.println(r.offset() + "\t" + r.text());
            }
        }
        return 0;
    }
}
