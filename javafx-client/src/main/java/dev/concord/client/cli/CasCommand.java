package dev.concord.client.cli;

import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code concord cas KEY EXPECTED NEW}: compare-and-set; '' as EXPECTED means "absent", '' as NEW deletes. */
@Command(name = "cas", description = {"Set register KEY to NEW if it currently holds EXPECTED.",
    "Use '' for EXPECTED to require that KEY is absent, and '' for NEW to delete it.",
    "Exit status 0 when swapped, 3 when the current value differed."}, mixinStandardHelpOptions = true)
final class CasCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Main main;
    @Parameters(index = "0", paramLabel = "KEY")
    String key;
    @Parameters(index = "1", paramLabel = "EXPECTED")
    String expected;
    @Parameters(index = "2", paramLabel = "NEW")
    String value;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        Result r = main.ctx.client().write(new Write.Cas(key, emptyToNull(expected), emptyToNull(value)));
        Result.CasResult c = Results.expect(r, Result.CasResult.class);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", key);
            out.put("swapped", c.swapped());
            out.put("previous", c.previous());
            out.put("index", c.index());
            main.ctx.printJson(out);
        } else if (c.swapped()) {
            main.ctx.out.println(key + " = " + (value.isEmpty() ? "(deleted)" : value));
        } else {
            main.ctx.out.println("not swapped: " + key + " is " + (c.previous() == null ? "absent" : "'" + c.previous() + "'"));
        }
        return c.swapped() ? 0 : 3;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
