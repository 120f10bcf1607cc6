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
 * 20,000 hostile requests at a live node through the code path of {@code bin/concord fuzz}: each is
 * answered with an error or a dropped connection, the node stays up, and refused input never
 * changes the state digest.
 */
class FuzzIT {

    @Test
    void twentyThousandHostileRequestsAreRefusedAndLeaveTheStateAlone(@TempDir Path dir) throws Exception {
        System.setProperty("concord.server.classpath",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        int rc = Main.run("fuzz", "--inputs", "20000", "--seed", "20251121", "--report", dir.toString());
        System.err.println(Files.readString(dir.resolve("fuzz-report.txt")));
        JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("fuzz-report.json")));
        assertThat(report.get("verdict").asText()).as("verdict; see fuzz-report.txt above").isEqualTo("PASS");
        assertThat(rc).isZero();
        assertThat(report.get("windowsCompared").asInt()).isGreaterThan(200);
        assertThat(report.get("answers").size()).isEqualTo(8);
    }
}
