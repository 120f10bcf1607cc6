package dev.concord.client.cli;

import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code concord get KEY}: a linearizable read of a register. */
@Command(name = "get", description = {"Print register KEY (linearizable read through readIndex).",
    "Exit status 0 when present, 4 when absent."}, mixinStandardHelpOptions = true)
final class GetCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Main main;
    @Parameters(paramLabel = "KEY")
    String key;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        Response.Value v = (Response.Value) main.ctx.client().read(new Query.Get(key));
        if (json) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("key", key);
            out.put("value", v.value());
            out.put("index", v.index());
            main.ctx.printJson(out);
        } else {
            main.ctx.out.println(v.value() == null ? "(absent)" : v.value());
        }
        return v.value() == null ? 4 : 0;
    }
}
