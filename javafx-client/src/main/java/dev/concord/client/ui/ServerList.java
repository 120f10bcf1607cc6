package dev.concord.client.ui;

import dev.concord.config.NodeAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The servers a user signs in to, as typed in the login dialog ({@code host:port} separated by
 * commas or spaces) and remembered per user, so the next login of that name starts from them.
 * <pre>
 *   CONFIG_DIR/gui/GROUP/NAME.servers   one line: host:port,host:port,...
 *   CONFIG_DIR/gui/GROUP/last           the name of the last login
 * </pre>
 */
public final class ServerList {
    private final Path dir;

    public ServerList(Path configRoot, String group) {
        this.dir = configRoot.resolve("gui").resolve(group);
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code host:port} */
    public static List<NodeAddress> parse(String text) {
        List<NodeAddress> out = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                out.add(NodeAddress.parse(out.size() + 1, part));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + part + "' is not a server address; write host:port, e.g. 127.0.0.1:7101");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no servers given; write at least one host:port, e.g. 127.0.0.1:7101");
        }
        return out;
    }

    public static String format(List<NodeAddress> nodes) {
        return String.join(", ", nodes.stream().map(NodeAddress::address).toList());
    }

    public Optional<String> remembered(String user) {
        return read(dir.resolve(key(user) + ".servers"));
    }

    public Optional<String> lastUser() {
        return read(dir.resolve("last"));
    }

    /** Best effort: a read-only config dir only costs the convenience. */
    public void remember(String user, List<NodeAddress> servers) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key(user) + ".servers"), format(servers) + "\n");
            Files.writeString(dir.resolve("last"), user + "\n");
        } catch (IOException e) {
            System.err.println("could not remember the servers of " + user + " under " + dir + ": " + e.getMessage());
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> read(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
