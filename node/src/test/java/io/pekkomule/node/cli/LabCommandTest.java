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
        "--seed", "3", "--json", json.toString(), "--data", dir.resolve("data").toString(),
        "--port", "0");
    assertEquals(Cli.OK, r.exit(), r.err());
    List<String> lines = r.out().strip().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).matches("dashboard: http://127\\.0\\.0\\.1:\\d+/"), lines.get(0));
    assertTrue(Files.isRegularFile(dir.resolve("data/api.token")), "the API token is in --data");
    String line = lines.get(1);
    List<String> names = List.of("nodes=40", "lookup_success=", "nodecomplete_9of10=",
        "steps_p50=", "latency_p50_s=", "know_all_k=", "heap_per_node_kb=",
        "vs_imule_latency_ratio=", "publish_reach_p50=", "publish_reach_p5=",
        "search_success=", "replica_overlap=");
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
  void aPortInUseSaysSoAndExits2() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      CliRun r = CliRun.of("lab", "--nodes", "10", "--virtual", "--duration", "14m",
          "--data", dir.resolve("data").toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertEquals(Cli.BAD_INPUT, r.exit(), r.err());
      assertTrue(r.err().contains("cannot start the management API"), r.err());
      assertEquals("", r.out(), "no dashboard line when the API cannot start");
    }
  }

  @Test
  void badPortIsAUsageError() {
    CliRun r = CliRun.of("lab", "--nodes", "10", "--virtual", "--port", "70000");
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("--port"), r.err());
  }

  @Test
  void badDurationIsAUsageError() {
    CliRun r = CliRun.of("lab", "--nodes", "10", "--virtual", "--duration", "ten minutes");
    assertEquals(Cli.BAD_INPUT, r.exit());
  }
}
