package dev.concord.client.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.config.NodeAddress;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pure pieces of the desktop app. */
class SmallPartsTest {

    @Test
    void serverListParsesCommasAndSpacesAndSaysWhatIsWrong() {
        assertThat(ServerList.parse(" 127.0.0.1:7101, 127.0.0.1:7102  10.0.0.3:7103"))
                .extracting(NodeAddress::address).containsExactly("127.0.0.1:7101", "127.0.0.1:7102", "10.0.0.3:7103");
        assertThatThrownBy(() -> ServerList.parse("localhost")).hasMessageContaining("write host:port");
        assertThatThrownBy(() -> ServerList.parse("  ")).hasMessageContaining("at least one");
    }

    @Test
    void serversAreRememberedPerUser(@TempDir Path dir) {
        ServerList s = new ServerList(dir, "g");
        assertThat(s.remembered("Alice")).isEmpty();
        s.remember("Alice", ServerList.parse("127.0.0.1:1,127.0.0.1:2"));
        assertThat(s.remembered("alice")).contains("127.0.0.1:1, 127.0.0.1:2");
        assertThat(s.lastUser()).contains("Alice");
        assertThat(Files.exists(dir.resolve("gui/g/alice.servers"))).isTrue();
    }

    @Test
    void unreachableClusterAdviceNamesTheServersAndTheFix() {
        String m = LoginViewModel.explain(new CompletionException(new ConcordException(ErrorCode.NO_QUORUM, "no leader")),
                ServerList.parse("127.0.0.1:1"));
        assertThat(m).contains("127.0.0.1:1").contains("bin/concord up").contains("no leader");
        assertThat(LoginViewModel.explain(new ConcordException(ErrorCode.UNAUTHORIZED, "wrong password; try again"), List.of()))
                .isEqualTo("wrong password; try again");
    }

    @Test
    void statusSummaryNamesLeaderTermCommitAndRoundTrip() {
        NodeAddress n1 = new NodeAddress(1, "127.0.0.1", 1);
        NodeAddress n2 = new NodeAddress(2, "127.0.0.1", 2);
        NodeStatus leader = new NodeStatus(1, n1.address(), "g", "LEADER", 7, 1, 50, 49, 49, 0, 0);
        assertThat(StatusViewModel.describe(List.of(new StatusViewModel.NodeRow(n1, leader, "running", 3),
                new StatusViewModel.NodeRow(n2, null, "stopped", 0))))
                .isEqualTo("leader node 1 · term 7 · commit 49 · rtt 3 ms");
        assertThat(StatusViewModel.describe(List.of(new StatusViewModel.NodeRow(n2, null, "stopped", 0))))
                .isEqualTo("no leader (0 of 1 nodes answer)");
    }

    @Test
    void colourDependsOnTheNameOnly() {
        assertThat(UserColors.of("Bob")).isEqualTo(UserColors.of("bob"));
        assertThat(UserColors.web("alice")).matches("#[0-9a-f]{6}");
    }

    @Test
    void anonymousAuthorsAreShortened() {
        assertThat(HistoryViewModel.who("s-f8eab504-b615-4aaf-988f-5da768107d4c")).isEqualTo("session s-f8eab504…");
        assertThat(HistoryViewModel.who("alice")).isEqualTo("alice");
    }
}
