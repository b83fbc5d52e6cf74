package io.pekkomule.node.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.api.ApiToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API over a virtual-time lab, as {@code pekko-mule lab --virtual} serves it: the
 * lab figures, the first seed's routing table (still shown after the run from the table the lab
 * took at its end), the lab's shaper histograms and Kad counters, and node lookups refused once
 * the nodes have stopped.
 */
class LabDashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void aFinishedVirtualLabStillShowsItsFiguresTableAndMeters() throws Exception {
    Config config = ConfigFactory.load();
    LabParams params = LabParams.defaults(30).withVirtual(true).withSeed(7)
        .withWarmup(Duration.ofMinutes(5)).withJoinWindow(Duration.ofMinutes(2))
        .withDuration(Duration.ofMinutes(14)).withPairs(10);
    try (LabDashboard d = LabDashboard.start(config, tmp, 0, false)) {
      LabReport report = LabRunner.run(params, config, line -> { }, d.watch());
      HttpClient client = HttpClient.newHttpClient();
      String bearer = "Bearer " + ApiToken.read(ApiToken.file(tmp));

      JsonNode lab = get(client, d.url() + "api/v1/lab", bearer, 200);
      assertEquals("finished", lab.path("state").asText());
      assertTrue(lab.path("virtual").asBoolean());
      assertEquals(30, lab.path("params").path("nodes").asInt());
      assertEquals(report.value("nodes"), lab.path("figures").path("nodes").asDouble());
      assertEquals(30, lab.path("nodes").size(), "every node alive is listed");
      assertTrue(lab.path("network").path("sent").asLong() > 0);
      assertTrue(lab.path("progress").has("contacts_avg"), lab.path("progress").toString());
      String viewed = lab.path("viewed").asText();

      JsonNode routing = get(client, d.url() + "api/v1/routing", bearer, 200);
      assertEquals(viewed, routing.path("kadId").asText());
      assertTrue(routing.path("summary").path("contacts").asInt() > 0, routing.toString());
      JsonNode c = routing.path("buckets").get(0).path("contacts").get(0);
      assertTrue(c.path("b32").asText().endsWith(".b32.i2p"));
      assertFalse(c.path("state").asText().isEmpty());

      // any lab node's table: the viewed one is kept after the run, the others stopped with it
      JsonNode own = get(client, d.url() + "api/v1/lab/nodes/" + viewed + "/routing", bearer, 200);
      assertEquals(viewed, own.path("kadId").asText());
      assertEquals(routing.path("summary"), own.path("summary"));
      String other = null;
      for (JsonNode n : lab.path("nodes")) {
        if (!n.path("kadId").asText().equals(viewed)) {
          other = n.path("kadId").asText();
        }
      }
      assertNotNull(other);
      JsonNode gone = get(client, d.url() + "api/v1/lab/nodes/" + other + "/routing", bearer, 503);
      assertTrue(gone.path("error").asText().contains("stopped"), gone.toString());
      get(client, d.url() + "api/v1/lab/nodes/00000000000000000000000000000001/routing", bearer,
          404);
      get(client, d.url() + "api/v1/lab/nodes/xyz/routing", bearer, 400);
      assertEquals(0, get(client, d.url() + "api/v1/publications", bearer, 200)
          .path("publications").size(), "a lab publishes nothing");

      JsonNode status = get(client, d.url() + "api/v1/status", bearer, 200);
      assertEquals(viewed, status.path("identity").path("kadId").asText());
      assertFalse(status.path("transport").path("up").asBoolean(), "the lab's nodes have stopped");
      assertTrue(status.path("shaper").path("sent").asLong() > 0, "the lab's shapers sent");

      JsonNode hist = get(client, d.url() + "api/v1/shaper/histograms", bearer, 200);
      assertTrue(hist.path("classes").path("interactive").path("count").asLong() > 0, hist.toString());

      HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(d.url() + "metrics"))
          .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(metrics.body().contains("kad_inbound_total{opcode=\"kademlia2_req\",outcome=\"accepted\""),
          "the lab's Kad counters by opcode");

      HttpResponse<String> lookup = client.send(HttpRequest.newBuilder(URI.create(d.url() + "api/v1/lookups"))
          .header("Authorization", bearer).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"type\":\"node\",\"target\":\"00112233445566778899AABBCCDDEEFF\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, lookup.statusCode(), lookup.body());
      assertTrue(lookup.body().contains("stopped"), lookup.body());
    }
  }

  private static JsonNode get(HttpClient client, String url, String bearer, int status)
      throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }
}
