package dev.concord.client.cli;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads passwords from the terminal without echo, or one line from stdin ({@code --password-stdin}). */
final class PasswordInput {
    private final boolean fromStdin;
    private final InputStream stdin;

    PasswordInput(boolean fromStdin, InputStream stdin) {
        this.fromStdin = fromStdin;
        this.stdin = stdin;
    }

    String read(String prompt) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new ConcordException(ErrorCode.BAD_REQUEST, "--password-stdin: stdin is empty; pipe the password in");
                }
                return line;
            } catch (IOException e) {
                throw new ConcordException(ErrorCode.BAD_REQUEST, "--password-stdin: cannot read stdin: " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new ConcordException(ErrorCode.BAD_REQUEST,
                    "no terminal to read the password from; pipe it in with --password-stdin");
        }
        char[] pw = console.readPassword("%s", prompt);
        if (pw == null || pw.length == 0) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "no password typed; try again");
        }
        String s = new String(pw);
        Arrays.fill(pw, '\0');
        return s;
    }

    /** A new password: typed twice on a terminal (once from stdin). */
    String readNew(String user) {
        String first = read("New password for " + user + ": ");
        if (!fromStdin && !first.equals(read("Type it again: "))) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "the two passwords differ; run the command again");
        }
        return first;
    }

    /** Asks for a yes-like confirmation on the terminal; no terminal means no. */
    static boolean confirm(String question, String expected) {
        Console console = System.console();
        if (console == null) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "no terminal to confirm on; pass --yes to confirm");
        }
        String answer = console.readLine("%s", question);
        return answer != null && answer.trim().equals(expected);
    }
}
