package dev.concord.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedSessionsTest {
    @TempDir
    Path tmp;

    @Test
    void tokensAreReadableByTheOwnerOnlyAndTheLastLoginIsTheDefault() throws Exception {
        SavedSessions s = new SavedSessions(tmp, "g");
        s.save("Alice", "token-a");
        s.save("bob", "token-b");
        Path file = s.file("alice");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(s.load(null)).isEqualTo(new SavedSessions.Saved("bob", "token-b"));
        assertThat(s.load("ALICE")).isEqualTo(new SavedSessions.Saved("Alice", "token-a"));
        assertThat(s.load("alice").toString()).doesNotContain("token-a");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alice.json", "bob.json", "last");
        }
    }

    @Test
    void loggingOutForgetsTheSessionAndTheDefault() {
        SavedSessions s = new SavedSessions(tmp, "g");
        s.save("bob", "t");
        s.remove("bob");
        assertThatThrownBy(() -> s.load(null)).isInstanceOf(ConcordException.class)
                .hasMessageContaining("bin/concord user login NAME");
        assertThatThrownBy(() -> s.load("bob")).hasMessageContaining("no saved session for bob")
                .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void clustersKeepTheirSessionsApart() {
        new SavedSessions(tmp, "one").save("bob", "t1");
        assertThatThrownBy(() -> new SavedSessions(tmp, "two").load("bob")).hasMessageContaining("no saved session");
    }

    @Test
    void aPasswordCanBePipedIn() {
        PasswordInput in = new PasswordInput(true, new ByteArrayInputStream("s3cret pw\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(in.readNew("bob")).isEqualTo("s3cret pw");
        PasswordInput empty = new PasswordInput(true, new ByteArrayInputStream(new byte[0]));
        assertThatThrownBy(() -> empty.read("pw")).hasMessageContaining("stdin is empty");
    }
}
