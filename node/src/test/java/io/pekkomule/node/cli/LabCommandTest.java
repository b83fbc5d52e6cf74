package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pekko-mule lab}: a small virtual-time lab through the real command line. */
class LabCommandTest {
  @TempDir Path dir;

  @Test
  void smallVirtualLabPrintsTheFigureLineAndJson() throws Exception {
    Path json = dir.resolve("lab.json");
    CliRun r = CliRun.of("lab", "--nodes", "40", "--virtual", "--duration", "14m",
        "--seed", "3", "--json", json.toString());
    assertEquals(Cli.OK, r.exit(), r.err());
    String line = r.out().strip();
    List<String> names = List.of("nodes=40", "lookup_success=", "nodecomplete_9of10=",
        "steps_p50=", "latency_p50_s=", "know_all_k=", "heap_per_node_kb=",
        "vs_imule_latency_ratio=");
    assertTrue(line.startsWith("lab nodes=40 lookup_success="), line);
    int at = 0;
    for (String n : names) {
      int i = line.indexOf(n, at);
      assertTrue(i >= at, "in order: " + n + " in " + line);
      at = i;
    }
    assertTrue(r.err().contains("lab t="), "progress lines on stderr");
    JsonNode j = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(40, j.get("nodes").asInt());
    assertTrue(j.get("lookup_success").asDouble() > 0.5, j.toString());
  }

  @Test
  void badDurationIsAUsageError() {
    CliRun r = CliRun.of("lab", "--nodes", "10", "--virtual", "--duration", "ten minutes");
    assertEquals(Cli.BAD_INPUT, r.exit());
  }
}
