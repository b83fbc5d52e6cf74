package io.pekkomule.node.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pekko-mule run}'s API as wired by {@link NodeRunner} (lab transport, in-process): shaper
 * alarms are listed and metered, a publication runs on the node's publisher and shows in the
 * publications list with its next publish time.
 */
class RunApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void alarmsAndPublicationsAreWiredOnARunningNode() throws Exception {
    Config base = ConfigFactory.load();
    RunOptions options = new RunOptions(tmp.resolve("node"), "lab", Optional.empty(),
        Optional.empty(), Optional.of(0), 5, Optional.of(7L));
    NodeRunner.Running running = NodeRunner.start(base, options, line -> { });
    try {
      HttpClient http = HttpClient.newHttpClient();
      String url = running.dashboardUrl();
      String bearer = "Bearer " + ApiToken.read(ApiToken.file(tmp.resolve("node")));

      JsonNode shaper = get(http, url + "api/v1/shaper", bearer, 200);
      assertTrue(shaper.path("alarms").isArray(), shaper.toString());
      JsonNode status = get(http, url + "api/v1/status", bearer, 200);
      assertTrue(status.path("shaper").path("alarms").isArray(), status.toString());
      String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "metrics"))
          .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("shaper_alarm_active{alarm=\"delay_drift_routine\"}"), metrics);
      assertTrue(metrics.contains("shaper_alarms_raised_total{alarm=\"queue_depth\"}"), metrics);

      String hash = "0F0E0D0C0B0A09080706050403020100";
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
              URI.create(url + "api/v1/publications")).header("Authorization", bearer)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"keyword\",\"fileHash\":\"" + hash
              + "\",\"fileName\":\"Big Buck Bunny.avi\",\"fileSize\":1000}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(202, posted.statusCode(), posted.body());
      String href = JSON.readTree(posted.body()).path("href").asText();
      JsonNode lookup = get(http, url + href.substring(1), bearer, 200).path("lookup");
      assertEquals("running", lookup.path("state").asText(), "running until its store lookups end");

      JsonNode pubs = get(http, url + "api/v1/publications", bearer, 200).path("publications");
      assertEquals(1, pubs.size(), pubs.toString());
      assertEquals(hash, pubs.get(0).path("fileHash").asText());
      JsonNode source = pubs.get(0).path("items").get(0);
      assertEquals("source", source.path("kind").asText());
      Instant next = Instant.parse(source.path("nextPublishAt").asText());
      assertTrue(next.isBefore(Instant.now().plus(Duration.ofMinutes(16))),
          "the first publish is inside the first window: " + next);

      HttpResponse<String> again = http.send(HttpRequest.newBuilder(
              URI.create(url + "api/v1/publications")).header("Authorization", bearer)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"source\",\"fileHash\":\"" + hash
              + "\",\"fileSize\":1000}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(409, again.statusCode(), again.body());
    } finally {
      running.system().terminate();
      running.system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static JsonNode get(HttpClient http, String url, String bearer, int status)
      throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }
}
