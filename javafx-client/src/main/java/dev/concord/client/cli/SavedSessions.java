package dev.concord.client.cli;

import dev.concord.protocol.Codec;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.chat.ChatRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Session tokens the CLI keeps between commands: one file per user and cluster group, readable by
 * its owner only (0600, in a 0700 folder), created with those permissions so it is never readable
 * by others even for an instant.
 * <pre>
 *   DIR/sessions/GROUP/NAME.json   {"user": ..., "token": ...}   (NAME folded to lower case)
 *   DIR/sessions/GROUP/last        the NAME of the last login: the default for commands without --as
 * </pre>
 * DIR is {@code -Dconcord.config.dir}, else {@code $CONCORD_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/concord}, else {@code ~/.config/concord}.
 */
public final class SavedSessions {
    /** A saved login. */
    public record Saved(String user, String token) {
        @Override
        public String toString() {
            return "Saved[user=" + user + ", token=(hidden)]";
        }
    }

    private final Path dir;

    public SavedSessions(Path root, String group) {
        this.dir = root.resolve("sessions").resolve(group);
    }

    public static Path defaultRoot() {
        String prop = System.getProperty("concord.config.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("CONCORD_CONFIG_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "concord");
        }
        return Path.of(System.getProperty("user.home"), ".config", "concord");
    }

    public Path file(String user) {
        return dir.resolve(ChatRules.fold(user) + ".json");
    }

    public void save(String user, String token) {
        try {
            createPrivateDirs(dir);
            writePrivate(file(user), Codec.encode(new Saved(user, token)));
            writePrivate(dir.resolve("last"), ChatRules.fold(user).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the session under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The session of {@code as}, or of the last login when null. */
    public Saved load(String as) {
        String user = as;
        if (user == null) {
            try {
                user = Files.readString(dir.resolve("last"), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ConcordException(ErrorCode.UNAUTHORIZED, "not logged in; log in first: bin/concord user login NAME");
            }
        }
        ChatRules.userName("--as", user);
        try {
            return Codec.decode(Files.readAllBytes(file(user)), Saved.class);
        } catch (IOException e) {
            throw new ConcordException(ErrorCode.UNAUTHORIZED, "no saved session for " + user
                    + "; log in first: bin/concord user login " + user);
        }
    }

    public void remove(String user) {
        try {
            Files.deleteIfExists(file(user));
            Path last = dir.resolve("last");
            if (Files.exists(last) && Files.readString(last, StandardCharsets.UTF_8).trim().equals(ChatRules.fold(user))) {
                Files.delete(last);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the saved session " + file(user) + ": " + e.getMessage(), e);
        }
    }

    private static void createPrivateDirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** Writes through a temp file made 0600 at creation, then renames it into place. */
    private static void writePrivate(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".session-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
