package dev.concord.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
    private static final Path FILE = Path.of("/etc/concord/test.conf");

    private static ClusterConfig parse(String text) {
        return ClusterConfig.parse(text, FILE);
    }

    @Test
    void parsesTheRepositoryDefault() {
        ClusterConfig c = ClusterConfig.load(Path.of("../cluster.conf"));
        assertThat(c.nodes()).hasSize(3);
        assertThat(c.group()).isEqualTo("concord");
        assertThat(c.node(2).address()).isEqualTo("127.0.0.1:7102");
        assertThat(c.dataDir()).isAbsolute();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void relativeDataDirIsResolvedAgainstTheFilesFolder() {
        ClusterConfig c = parse("data_dir = d\nnode.1 = 127.0.0.1:1");
        assertThat(c.dataDir()).isEqualTo(Path.of("/etc/concord/d"));
        assertThat(c.nodeDir(1)).isEqualTo(Path.of("/etc/concord/d/node-1"));
    }

    @Test
    void defaultsApplyWhenKeysAreAbsent() {
        ClusterConfig c = parse("node.7 = h:9");
        assertThat(c.electionTimeoutMs()).isEqualTo(1000);
        assertThat(c.maxElectionDelayMs()).isEqualTo(150);
        assertThat(c.ids()).containsExactly(7);
        assertThat(c.files()).isEqualTo(FileLimits.DEFAULT);
    }

    @Test
    void fileKeysAreParsedInTheirUnitsAndRoundTripThroughRender() {
        ClusterConfig c = parse("file_versions_kept = 3\nfile_quota_user_mib = 5\nfile_quota_cluster_mib = 0\n"
                + "upload_timeout_s = 2\nnode.1 = h:1");
        assertThat(c.files()).isEqualTo(new FileLimits(3, 5L << 20, 0, 2000));
        assertThat(ClusterConfig.parse(c.render(), FILE).files()).isEqualTo(c.files());
        assertThatThrownBy(() -> parse("file_versions_kept = 0\nnode.1 = h:1"))
                .hasMessageContaining("file_versions_kept").hasMessageContaining("between 1 and 1000");
    }

    @Test
    void errorsNameFileLineAndKey() {
        assertThatThrownBy(() -> parse("group = g\nnode.1 = a:1\nnode.1 = a:2"))
                .hasMessage("/etc/concord/test.conf:3: node.1: duplicate node id 1");
        assertThatThrownBy(() -> parse("node.1 = a:99999"))
                .hasMessageStartingWith("/etc/concord/test.conf:1: node.1: port must be 1..65535");
        assertThatThrownBy(() -> parse("node.1 = a:x"))
                .hasMessageContaining(":1: node.1: port is not a number");
        assertThatThrownBy(() -> parse("\n\nelection_timeot_ms = 5\nnode.1 = a:1"))
                .hasMessageStartingWith("/etc/concord/test.conf:3: election_timeot_ms: unknown key");
        assertThatThrownBy(() -> parse("election_timeout_ms = soon\nnode.1 = a:1"))
                .hasMessage("/etc/concord/test.conf:1: election_timeout_ms: 'soon' is not a whole number");
        assertThatThrownBy(() -> parse("election_timeout_ms = 5\nnode.1 = a:1"))
                .hasMessageContaining("must be between 50 and 60000");
        assertThatThrownBy(() -> parse("group = a\ngroup = b\nnode.1 = a:1"))
                .hasMessageContaining(":2: group: set twice (first on line 1)");
        assertThatThrownBy(() -> parse("node.x = a:1")).hasMessageContaining(":1: node.x:");
        assertThatThrownBy(() -> parse("just words")).hasMessageContaining(":1: just words: expected 'key = value'");
        assertThatThrownBy(() -> parse("group = g")).hasMessageContaining("no nodes");
        assertThatThrownBy(() -> parse("node.1 = a:1\nnode.2 = a:1")).hasMessageContaining("both use a:1");
    }

    @Test
    void evenNodeCountWarnsAboutFaultTolerance() {
        ClusterConfig c = parse("node.1 = a:1\nnode.2 = a:2\nnode.3 = a:3\nnode.4 = a:4");
        assertThat(c.warnings()).singleElement().asString().contains("4 nodes", "odd");
    }

    @Test
    void unknownNodeIdListsTheKnownOnes() {
        assertThatThrownBy(() -> parse("node.1 = a:1\nnode.3 = a:3").node(2))
                .hasMessageContaining("unknown node id 2").hasMessageContaining("[1, 3]");
    }

    @Test
    void renderParsesBackToTheSameConfig() {
        ClusterConfig c = parse("group = g1\nsnapshot_interval_s = 5\nnode.1 = a:1\nnode.2 = b:2\nnode.3 = c:3");
        ClusterConfig back = ClusterConfig.parse(c.render(), FILE);
        assertThat(back).isEqualTo(c);
    }

    @Test
    void authSettingsDefaultOffAndAreChecked() {
        ClusterConfig c = parse("node.1 = a:1");
        assertThat(c.requireAuth()).isFalse();
        assertThat(c.passwordIterations()).isEqualTo(210_000);
        ClusterConfig on = parse("require_auth = true\npassword_iterations = 5000\nnode.1 = a:1");
        assertThat(on.requireAuth()).isTrue();
        assertThat(on.passwordIterations()).isEqualTo(5000);
        assertThat(ClusterConfig.parse(on.render(), FILE)).isEqualTo(on);
        assertThatThrownBy(() -> parse("require_auth = yes\nnode.1 = a:1"))
                .hasMessage("/etc/concord/test.conf:1: require_auth: must be true or false, got 'yes'");
        assertThatThrownBy(() -> parse("password_iterations = 10\nnode.1 = a:1"))
                .hasMessageContaining(":1: password_iterations: must be between 1000");
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        ClusterConfig c = parse("# header\n\n  group = g # trailing\nnode.1 = a:1 # first");
        assertThat(c.group()).isEqualTo("g");
        assertThat(c.node(1).host()).isEqualTo("a");
    }
}
