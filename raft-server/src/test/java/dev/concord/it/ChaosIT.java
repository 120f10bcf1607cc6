package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concord.client.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos run through exactly the code path of {@code bin/concord chaos}: 3 nodes (in their
 * own network namespaces when this runs as root, else on 127.0.0.1 without partitions), 60 s of
 * kills, pauses, restarts and partitions with a fixed seed. Every check must pass.
 */
class ChaosIT {

    @Test
    void threeNodesUnderKillsPausesRestartsAndPartitionsStayLinearizableLoseNothingAndConverge(@TempDir Path dir)
            throws Exception {
        System.setProperty("concord.server.classpath",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        int rc = Main.run("chaos", "--nodes", "3", "--clients", "4", "--seconds", "60",
                "--nemesis", "kill,pause,restart,partition", "--seed", "20251121", "--report", dir.toString());
        System.err.println(Files.readString(dir.resolve("report.txt")));
        JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));
        assertThat(report.get("verdict").asText()).as("verdict; see report.txt above").isEqualTo("PASS");
        assertThat(rc).isZero();
        assertThat(report.get("checks")).hasSize(4);
        assertThat(report.get("faults").size()).as("fault kinds injected").isGreaterThanOrEqualTo(2);
        assertThat(report.get("operations").get("registers").get("ok").asLong()).isGreaterThan(100);
        assertThat(report.get("operations").get("streams").get("ok").asLong()).isGreaterThan(100);
        assertThat(dir.resolve("history-registers.jsonl")).exists();
    }
}
