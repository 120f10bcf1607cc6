package dev.concord.client.cli;

import dev.concord.config.ConfigException;
import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/concord}: the headless client used by people, scripts, benchmarks and tests. */
@Command(name = "concord", mixinStandardHelpOptions = true, version = "Concord 0.1",
        description = "Concord: documents, chat and files replicated by Raft.",
        subcommands = {UpCommand.class, ClusterCommand.class, StreamCommand.class, CasCommand.class,
            GetCommand.class, DocCommand.class, FileCommand.class, UserCommand.class, ChatCommand.class,
            BenchCommand.class, ChaosCommand.class, FuzzCommand.class, GuiCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run one node in the foreground: concord server --node N [--conf FILE]"})
public final class Main implements Runnable {
    @Mixin
    CliContext ctx;

    @Override
    public void run() {
        new CommandLine(this).usage(ctx.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 failed, 2 usage error. */
    public static int run(String... args) {
        // bolt's logging shim prints a banner on System.out; keep stdout for results only.
        PrintStream realOut = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(realOut, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // --json belongs to the innermost subcommand, not to the top-level parse result.
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            boolean json = leaf.hasMatchedOption("--json");
            String code = e instanceof ConcordException c ? c.code().name() : "ERROR";
            String message = e instanceof ConcordException || e instanceof ConfigException
                    || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    ? e.getMessage() : e.toString();
            if (json) {
                realOut.println(Codec.toJson(Map.of("error", code, "message", message)));
            } else {
                System.err.println("concord: " + message);
                if (e instanceof ConfigException && message.contains("unknown node id")) {
                    cmd.usage(System.err);
                }
            }
            return 1;
        });
        try {
            main.ctx.out = realOut;
            return cl.execute(args);
        } finally {
            System.setOut(realOut);
            if (main.ctx != null) {
                main.ctx.close();
            }
        }
    }
}
