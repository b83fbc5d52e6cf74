package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.node.shaper.CoverGenerator;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.ShaperAlarms;
import io.pekkomule.node.shaper.ShaperCore;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint over real HTTP on a loopback port, against an {@link InMemoryNode}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementServerTest {
  static final KadId OWN = KadId.fromHex("00112233445566778899aabbccddeeff");
  static final String OWN_B32 = "a".repeat(52) + ".b32.i2p";
  static final KadId PEER = KadId.fromHex("0f0e0d0c0b0a09080706050403020100");
  static final String HEX = "ffeeddccbbaa99887766554433221100";

  private ActorTestKit kit;
  private ApiEvents events;
  private InMemoryNode node;
  private PrometheusMeterRegistry registry;
  private ShaperMetrics shaperMetrics;
  private ServerBinding binding;
  private HttpProbe http;
  private String bearer;
  private String token;
  @TempDir static Path dataDir;

  static Config config() {
    return ConfigFactory.parseMap(Map.of(
            "pekko-mule.management.http.port", 0,
            "pekko-mule.management.ask-timeout", "500ms",
            "pekko-mule.management.events.keep-alive", "1s"))
        .withFallback(ConfigFactory.load());
  }

  @BeforeAll
  void start() throws Exception {
    kit = ActorTestKit.create("ManagementServerTest", config());
    events = ApiEvents.create(kit.system(), 64);
    node = new InMemoryNode(new IdentityView(OWN, OWN_B32), events, Clock.systemUTC());
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    shaperMetrics = new ShaperMetrics(registry);
    binding = ManagementServer.start(kit.system(), config(), dataDir, node, node, registry)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    http = new HttpProbe(ManagementServer.dashboardUrl(binding));
    token = ApiToken.read(ApiToken.file(dataDir));
    bearer = "Bearer " + token;
  }

  @AfterAll
  void stop() {
    if (binding != null) {
      binding.unbind().toCompletableFuture().join();
    }
    events.close();
    kit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    node.failActionsWith(null).failViewsWith(null).stall(false).shaperSettings(null)
        .transport(new TransportView("in-memory", true, "test"))
        .routing(RoutingView.empty()).lab(null).shaperAlarms(null);
  }

  /** Asserts the JSON error form and returns its message. */
  static String error(HttpProbe.Answer a, int status) {
    assertEquals(status, a.status(), a.body());
    assertTrue(a.header("Content-Type").orElse("").startsWith("application/json"), a.raw().headers().toString());
    JsonNode j = a.json();
    assertEquals(status, j.path("status").asInt(), a.body());
    assertTrue(j.path("error").isTextual() && !j.path("error").asText().isBlank(), a.body());
    assertFalse(a.body().contains("at io.") || a.body().contains("Exception"), "no stack trace: " + a.body());
    return j.path("error").asText();
  }

  // ------------------------------------------------------------------ health and page

  @Test
  void aliveNeedsNoToken() {
    HttpProbe.Answer a = http.get("/health/alive", null);
    assertEquals(200, a.status());
    assertEquals("alive", a.json().path("status").asText());
    HttpProbe.Answer m = http.get("/alive", null);
    assertEquals(200, m.status(), "Pekko Management's default path");
    assertEquals("alive", m.json().path("status").asText());
  }

  @Test
  void readyFollowsTheTransport() {
    HttpProbe.Answer up = http.get("/health/ready", null);
    assertEquals(200, up.status(), up.body());
    assertTrue(up.json().path("ready").asBoolean());

    assertEquals(200, http.get("/ready", null).status(), "Pekko Management's default path");

    node.transport(new TransportView("sam", false, "bridge refused"));
    HttpProbe.Answer down = http.get("/health/ready", null);
    assertEquals(503, down.status());
    HttpProbe.Answer downToo = http.get("/ready", null);
    assertEquals(503, downToo.status());
    assertEquals(down.json(), downToo.json());
    assertFalse(down.json().path("ready").asBoolean());
    assertTrue(down.json().path("reasons").get(0).asText().contains("bridge refused"), down.body());
  }

  @Test
  void readyAnswers503WhenTheNodeDoesNotAnswer() {
    node.stall(true);
    long t0 = System.nanoTime();
    HttpProbe.Answer a = http.get("/health/ready", null);
    assertEquals(503, a.status());
    assertTrue(a.json().path("reasons").get(0).asText().contains("did not answer"), a.body());
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void pageAndAssetsNeedNoTokenAndCarrySecurityHeaders() {
    HttpProbe.Answer page = http.get("/", null);
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("API token"));
    assertTrue(page.header("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
    HttpProbe.Answer js = http.get("/app.js", null);
    assertEquals(200, js.status());
    assertTrue(js.body().contains("/api/v1/status"));
    assertEquals(200, http.get("/app.css", null).status());
  }

  // ------------------------------------------------------------------ auth

  static Stream<Arguments> protectedEndpoints() {
    String lookup = "{\"type\":\"node\",\"target\":\"" + HEX + "\"}";
    String publication = "{\"type\":\"source\",\"fileHash\":\"" + HEX + "\",\"fileSize\":1}";
    return Stream.of(
        Arguments.of("GET", "/api/v1/status", null),
        Arguments.of("GET", "/api/v1/routing", null),
        Arguments.of("GET", "/api/v1/lookups", null),
        Arguments.of("GET", "/api/v1/lookups/1", null),
        Arguments.of("POST", "/api/v1/lookups", lookup),
        Arguments.of("POST", "/api/v1/publications", publication),
        Arguments.of("GET", "/api/v1/publications", null),
        Arguments.of("GET", "/api/v1/lab/nodes/" + HEX + "/routing", null),
        Arguments.of("GET", "/api/v1/shaper", null),
        Arguments.of("GET", "/api/v1/persistence", null),
        Arguments.of("GET", "/api/v1/shaper/histograms", null),
        Arguments.of("GET", "/api/v1/lab", null),
        Arguments.of("GET", "/api/v1/events", null),
        Arguments.of("GET", "/api/v1/no-such-thing", null),
        Arguments.of("GET", "/metrics", null));
  }

  private HttpProbe.Answer call(String method, String path, String body, String authorization) {
    return body == null ? http.get(path, authorization) : http.postJson(path, authorization, body);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("protectedEndpoints")
  void everyEndpointButHealthNeedsTheToken(String method, String path, String body) {
    HttpProbe.Answer none = call(method, path, body, null);
    assertTrue(error(none, 401).contains("missing bearer token"));
    assertTrue(none.header("WWW-Authenticate").orElse("").startsWith("Bearer"), none.raw().headers().toString());

    HttpProbe.Answer wrong = call(method, path, body, "Bearer " + ApiToken.generate());
    assertEquals("invalid bearer token", error(wrong, 401));
    assertTrue(wrong.header("WWW-Authenticate").orElse("").contains("invalid_token"));

    HttpProbe.Answer truncated = call(method, path, body, bearer.substring(0, bearer.length() - 1));
    error(truncated, 401);

    HttpProbe.Answer basic = call(method, path, body, "Basic " + token);
    assertTrue(error(basic, 401).contains("scheme must be Bearer"));
    assertTrue(basic.header("WWW-Authenticate").orElse("").startsWith("Bearer"));

    for (HttpProbe.Answer a : List.of(none, wrong, truncated, basic)) {
      assertFalse(a.body().contains(token), "the token never appears in a response");
    }
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    assertEquals(200, http.get("/api/v1/status", "bearer " + token).status());
  }

  // ------------------------------------------------------------------ status, routing

  private static RoutingView table() {
    ContactView a = new ContactView(PEER, "b".repeat(52) + ".b32.i2p", ContactState.VERIFIED, 1, true, 8, 120);
    ContactView b = new ContactView(KadId.fromHex(HEX), "c".repeat(52) + ".b32.i2p", ContactState.SEEN, 3, false, 6, 5);
    ContactView r = new ContactView(KadId.fromHex("1".repeat(32)), "d".repeat(52) + ".b32.i2p", ContactState.CHALLENGED, 4, false, 8, 1);
    return new RoutingView(List.of(
        new BucketView(1, "0", List.of(a, b), List.of(r)),
        new BucketView(1, "1", List.of(), List.of())));
  }

  @Test
  void statusReportsIdentityUptimeTransportRoutingLookupsAndShaper() {
    node.routing(table()).transport(new TransportView("sam", true, "127.0.0.1:7656"));
    HttpProbe.Answer a = http.get("/api/v1/status", bearer);
    assertEquals(200, a.status(), a.body());
    JsonNode s = a.json();
    assertEquals(OWN.toHex(), s.path("identity").path("kadId").asText());
    assertEquals(OWN_B32, s.path("identity").path("b32").asText());
    assertEquals(2, s.path("identity").size(), "identity holds kadId and b32 only: " + s.path("identity"));
    assertEquals(node.version(), s.path("version").asText());
    assertTrue(s.path("uptimeSeconds").asLong() >= 0);
    assertEquals(node.startedAt(), Instant.parse(s.path("startedAt").asText()));
    assertEquals("sam", s.path("transport").path("kind").asText());
    assertTrue(s.path("transport").path("up").asBoolean());
    assertEquals(2, s.path("routing").path("contacts").asInt());
    assertEquals(1, s.path("routing").path("verified").asInt());
    assertEquals(2, s.path("routing").path("buckets").asInt());
    assertEquals(1, s.path("routing").path("replacements").asInt());
    assertTrue(s.path("lookups").has("running"));
    for (String k : List.of("queued", "sent", "dropped", "deferred", "cover")) {
      assertTrue(s.path("shaper").path(k).isNumber(), k + " in " + s.path("shaper"));
    }
    assertFalse(a.body().contains(token));
  }

  @Test
  void routingListsBucketsContactsAndReplacements() {
    node.routing(table());
    HttpProbe.Answer a = http.get("/api/v1/routing", bearer);
    assertEquals(200, a.status(), a.body());
    JsonNode r = a.json();
    assertEquals(OWN.toHex(), r.path("kadId").asText());
    assertEquals(2, r.path("summary").path("contacts").asInt());
    JsonNode bucket = r.path("buckets").get(0);
    assertEquals(1, bucket.path("level").asInt());
    assertEquals("0", bucket.path("prefix").asText());
    JsonNode c = bucket.path("contacts").get(0);
    assertEquals(PEER.toHex(), c.path("kadId").asText());
    assertEquals("b".repeat(52) + ".b32.i2p", c.path("b32").asText());
    assertEquals("verified", c.path("state").asText());
    assertEquals(1, c.path("type").asInt());
    assertTrue(c.path("verified").asBoolean());
    assertEquals(8, c.path("version").asInt());
    assertEquals(120, c.path("ageSeconds").asLong());
    assertEquals("seen", bucket.path("contacts").get(1).path("state").asText());
    assertEquals("challenged", bucket.path("replacements").get(0).path("state").asText());
    assertEquals(0, r.path("buckets").get(1).path("contacts").size());
  }

  @Test
  void aFailingViewIsAGeneric500AndATimeoutA503() {
    node.failViewsWith(new IllegalStateException("secret internal detail"));
    HttpProbe.Answer a = http.get("/api/v1/routing", bearer);
    assertEquals("internal error", error(a, 500));
    assertFalse(a.body().contains("secret internal detail"));

    node.failViewsWith(ApiException.unavailable("routing actor restarting"));
    assertEquals("routing actor restarting", error(http.get("/api/v1/status", bearer), 503));

    node.failViewsWith(null).stall(true);
    assertTrue(error(http.get("/api/v1/lookups", bearer), 503).contains("did not answer within 500ms"));
  }

  @Test
  void persistenceIs503WithoutPersistenceAndJsonWithIt() throws Exception {
    assertEquals("no persistence in this node", error(http.get("/api/v1/persistence", bearer), 503));
    String slot = "KEYWORD/" + PEER.toHex() + "/" + HEX.toUpperCase();
    node.persistence(new PersistenceView("h2", 1, 2, List.of(HEX), 1, List.of(slot)));
    HttpProbe.Answer a = http.get("/api/v1/persistence", bearer);
    assertEquals(200, a.status());
    com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(a.body());
    assertEquals("h2", r.path("journal").asText());
    assertEquals(1, r.path("acknowledgedContacts").asInt());
    assertEquals(2, r.path("pendingWrites").asInt());
    assertEquals(HEX, r.path("contacts").get(0).asText());
    assertEquals(1, r.path("acknowledgedIndexEntries").asInt());
    assertEquals(slot, r.path("indexEntries").get(0).asText());
    node.persistence(null);
  }

  // ------------------------------------------------------------------ lookups

  @Test
  void postingEachLookupTypeStartsItAndItCanBeRead() {
    Map<String, String> bodies = Map.of(
        "node", "{\"type\":\"node\",\"target\":\"" + HEX + "\"}",
        "keyword", "{\"type\":\"keyword\",\"keyword\":\"ubuntu iso\"}",
        "source", "{\"type\":\"source\",\"target\":\"" + HEX.toUpperCase() + "\",\"fileSize\":734003200}",
        "notes", "{\"type\":\"notes\",\"target\":\"" + HEX + "\"}");
    for (Map.Entry<String, String> e : bodies.entrySet()) {
      HttpProbe.Answer a = http.postJson("/api/v1/lookups", bearer, e.getValue());
      assertEquals(202, a.status(), a.body());
      String id = a.json().path("id").asText();
      assertEquals("/api/v1/lookups/" + id, a.json().path("href").asText());
      assertTrue(a.header("Location").orElse("").endsWith("/api/v1/lookups/" + id));

      HttpProbe.Answer one = http.get("/api/v1/lookups/" + id, bearer);
      assertEquals(200, one.status(), one.body());
      JsonNode l = one.json().path("lookup");
      assertEquals(id, l.path("id").asText());
      assertEquals(e.getKey(), l.path("type").asText());
      assertEquals("running", l.path("state").asText());
      assertTrue(l.path("termination").isNull());
      assertTrue(one.json().path("closest").isArray() && one.json().path("hits").isArray());
    }
    List<LookupRequest> got = node.lookupRequests();
    assertTrue(got.contains(new LookupRequest.Node(KadId.fromHex(HEX))), got.toString());
    assertTrue(got.contains(new LookupRequest.Keyword("ubuntu iso")), got.toString());
    assertTrue(got.contains(new LookupRequest.Source(KadId.fromHex(HEX), 734003200)), got.toString());
    assertTrue(got.contains(new LookupRequest.Notes(KadId.fromHex(HEX), 0)), got.toString());

    JsonNode list = http.get("/api/v1/lookups", bearer).json().path("lookups");
    assertTrue(list.size() >= 4, list.toString());
  }

  @Test
  void aFinishedLookupShowsTerminationAndHits() {
    Instant t = Instant.parse("2025-01-02T03:04:05Z");
    node.lookup(new LookupDetail(
        new LookupView("done-1", LookupKind.KEYWORD, PEER, "linux", LookupView.State.FINISHED,
            Termination.TIMED_OUT, t, t.plusSeconds(120), 14, 1),
        List.of(),
        List.of(new SearchHit(KadId.fromHex(HEX), null, "linux.iso", 42L, Map.of("availability", 3)))));
    JsonNode d = http.get("/api/v1/lookups/done-1", bearer).json();
    assertEquals("timed_out", d.path("lookup").path("termination").asText());
    assertEquals("finished", d.path("lookup").path("state").asText());
    assertEquals("2025-01-02T03:04:05Z", d.path("lookup").path("startedAt").asText());
    assertEquals(PEER.toHex(), d.path("lookup").path("target").asText());
    assertEquals("linux", d.path("lookup").path("keyword").asText());
    JsonNode hit = d.path("hits").get(0);
    assertEquals(KadId.fromHex(HEX).toHex(), hit.path("key").asText());
    assertEquals(42, hit.path("size").asLong());
    assertEquals(3, hit.path("tags").path("availability").asInt());
  }

  @Test
  void unknownAndMalformedLookupIds() {
    assertTrue(error(http.get("/api/v1/lookups/42424242", bearer), 404).contains("no lookup"));
    assertTrue(error(http.get("/api/v1/lookups/" + "x".repeat(65), bearer), 400).contains("bad lookup id"));
    assertTrue(error(http.get("/api/v1/lookups/a%20b", bearer), 400).contains("bad lookup id"));
  }

  static Stream<Arguments> badLookupBodies() {
    return Stream.of(
        Arguments.of("{\"type\":", "malformed JSON"),
        Arguments.of("[1,2]", "must be a JSON object"),
        Arguments.of("{\"type\":\"node\",\"target\":\"" + HEX + "\"} x", "malformed JSON"),
        Arguments.of("{\"type\":\"node\",\"type\":\"keyword\"}", "malformed JSON"),
        Arguments.of("{\"target\":\"" + HEX + "\"}", "missing field \"type\""),
        Arguments.of("{\"type\":\"nodes\",\"target\":\"" + HEX + "\"}", "unknown lookup type \"nodes\""),
        Arguments.of("{\"type\":\"publish_source\",\"target\":\"" + HEX + "\"}", "unknown lookup type"),
        Arguments.of("{\"type\":7}", "field \"type\" must be a string"),
        Arguments.of("{\"type\":\"node\"}", "missing field \"target\""),
        Arguments.of("{\"type\":\"node\",\"target\":\"xyz\"}", "32 hex digits"),
        Arguments.of("{\"type\":\"node\",\"target\":\"" + HEX + "00\"}", "32 hex digits"),
        Arguments.of("{\"type\":\"node\",\"target\":\"" + HEX.replace('f', 'g') + "\"}", "32 hex digits"),
        Arguments.of("{\"type\":\"node\",\"target\":\"" + HEX + "\",\"keyword\":\"x\"}", "unknown field \"keyword\""),
        Arguments.of("{\"type\":\"keyword\",\"keyword\":\"ab\"}", "at least 3 bytes"),
        Arguments.of("{\"type\":\"keyword\",\"keyword\":\"" + "k".repeat(300) + "\"}", "longer than 256"),
        Arguments.of("{\"type\":\"source\",\"target\":\"" + HEX + "\",\"fileSize\":-1}", "\"fileSize\" must be an integer"),
        Arguments.of("{\"type\":\"source\",\"target\":\"" + HEX + "\",\"fileSize\":1.5}", "\"fileSize\" must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLookupBodies")
  void badLookupBodiesAre400(String body, String message) {
    String e = error(http.postJson("/api/v1/lookups", bearer, body), 400);
    assertTrue(e.contains(message), e);
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"type\":\"keyword\",\"keyword\":\"" + "k".repeat(20_000) + "\"}";
    assertTrue(error(http.postJson("/api/v1/lookups", bearer, big), 413).contains("16384 bytes"));
    assertTrue(node.lookupRequests().stream().noneMatch(r -> r instanceof LookupRequest.Keyword k
        && k.query().length() > 1000));
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() {
    byte[] big = ("{\"type\":\"keyword\",\"keyword\":\"" + "k".repeat(40_000) + "\"}").getBytes();
    // ofInputStream has no known length: the client streams it chunked.
    HttpRequest r = http.request("/api/v1/lookups", bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
    error(http.send(r), 413);
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    String e = error(http.post("/api/v1/lookups", bearer, "text/plain", "{\"type\":\"node\"}"), 415);
    assertTrue(e.contains("application/json"), e);
  }

  @Test
  void controlFailuresAreMappedWithoutLeakingInternals() {
    String body = "{\"type\":\"node\",\"target\":\"" + HEX + "\"}";
    node.failActionsWith(ApiException.tooManyRequests("60 lookups running"));
    assertEquals("60 lookups running", error(http.postJson("/api/v1/lookups", bearer, body), 429));

    node.failActionsWith(new RuntimeException("database password is hunter2"));
    HttpProbe.Answer a = http.postJson("/api/v1/lookups", bearer, body);
    assertEquals("internal error", error(a, 500));
    assertFalse(a.body().contains("hunter2"));

    node.failActionsWith(null).stall(true);
    error(http.postJson("/api/v1/lookups", bearer, body), 503);
  }

  // ------------------------------------------------------------------ publications

  @Test
  void publicationsOfEachTypeStartAStoreLookup() {
    HttpProbe.Answer k = http.postJson("/api/v1/publications", bearer,
        "{\"type\":\"keyword\",\"fileHash\":\"" + HEX + "\",\"fileName\":\"Big Buck Bunny.avi\",\"fileSize\":1000}");
    assertEquals(202, k.status(), k.body());
    assertEquals("publish_keyword",
        http.get(k.json().path("href").asText(), bearer).json().path("lookup").path("type").asText());
    assertEquals(202, http.postJson("/api/v1/publications", bearer,
        "{\"type\":\"source\",\"fileHash\":\"" + HEX + "\",\"fileSize\":1000}").status());
    assertEquals(202, http.postJson("/api/v1/publications", bearer,
        "{\"type\":\"notes\",\"fileHash\":\"" + HEX + "\",\"fileName\":\"a.avi\",\"rating\":4,\"comment\":\"good\"}").status());
    List<PublishRequest> got = node.publishRequests();
    assertTrue(got.contains(new PublishRequest.Keyword(KadId.fromHex(HEX), "Big Buck Bunny.avi", 1000)), got.toString());
    assertTrue(got.contains(new PublishRequest.Source(KadId.fromHex(HEX), 1000)), got.toString());
    assertTrue(got.contains(new PublishRequest.Notes(KadId.fromHex(HEX), "a.avi", 4, "good")), got.toString());
  }

  static Stream<Arguments> badPublications() {
    String h = "\"fileHash\":\"" + HEX + "\"";
    return Stream.of(
        Arguments.of("{\"type\":\"file\"," + h + "}", "unknown publication type \"file\""),
        Arguments.of("{\"type\":\"source\"," + h + "}", "missing field \"fileSize\""),
        Arguments.of("{\"type\":\"source\",\"fileHash\":\"12\",\"fileSize\":1}", "32 hex digits"),
        Arguments.of("{\"type\":\"keyword\"," + h + ",\"fileName\":\" \",\"fileSize\":1}", "\"fileName\" must be"),
        Arguments.of("{\"type\":\"keyword\"," + h + ",\"fileName\":\"a\\u0000b\",\"fileSize\":1}", "\"fileName\" must be"),
        Arguments.of("{\"type\":\"notes\"," + h + ",\"fileName\":\"a\",\"rating\":6}", "\"rating\" must be an integer in [0, 5]"),
        Arguments.of("{\"type\":\"notes\"," + h + ",\"fileName\":\"a\",\"rating\":1,\"comment\":\"" + "c".repeat(129) + "\"}", "longer than 128"),
        Arguments.of("{\"type\":\"source\"," + h + ",\"fileSize\":1,\"rating\":1}", "unknown field \"rating\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPublications")
  void badPublicationsAre400(String body, String message) {
    String e = error(http.postJson("/api/v1/publications", bearer, body), 400);
    assertTrue(e.contains(message), e);
  }

  // ------------------------------------------------------------------ rejections

  @Test
  void wrongMethodIs405AndUnknownPathsAre404InJson() {
    HttpProbe.Answer del = http.send(http.request("/api/v1/status", bearer).DELETE().build());
    error(del, 405);
    assertTrue(del.header("Allow").orElse("").contains("GET"), del.raw().headers().toString());
    error(http.get("/api/v1/nope", bearer), 404);
    error(http.get("/nope", null), 404);
    error(http.get("/api/v2/status", null), 404);
  }

  // ------------------------------------------------------------------ shaper and metrics

  @Test
  void shaperReportsMeasuredDelaysBesideTheConfiguredDistribution() {
    Timer.builder("shaper.delay").tag("class", "interactive").publishPercentileHistogram()
        .register(registry).record(Duration.ofMillis(700));
    Counter.builder("shaper.deferred").tag("reason", "peer_cap").register(registry).increment(3);
    HttpProbe.Answer a = http.get("/api/v1/shaper", bearer);
    assertEquals(200, a.status(), a.body());
    JsonNode s = a.json();
    ShaperSettings configured = ShaperSettings.fromConfig(config());
    assertEquals(configured.privacyLevel().key(), s.path("privacyLevel").asText());
    JsonNode interactive = s.path("classes").path("interactive");
    JsonNode delay = interactive.path("delay");
    assertTrue(delay.path("count").asLong() >= 1, delay.toString());
    assertTrue(delay.path("sumSeconds").asDouble() >= 0.7, delay.toString());
    JsonNode hist = delay.path("histogram");
    assertTrue(hist.size() > 5, hist.toString());
    long below = 0;
    long above = 0;
    for (JsonNode b : hist) {
      if (b.path("leSeconds").asDouble() < 0.7) {
        below = Math.max(below, b.path("count").asLong());
      } else {
        above = Math.max(above, b.path("count").asLong());
      }
    }
    assertTrue(above >= below + 1, "cumulative counts step up at 0.7 s: " + hist);

    JsonNode dist = interactive.path("distribution");
    ShaperSettings.ClassProfile p = configured.classes().get(UrgencyClass.INTERACTIVE);
    assertEquals(p.floor().toMillis() / 1000.0, dist.path("floorSeconds").asDouble(), 1e-9);
    assertEquals(p.ceiling().toMillis() / 1000.0, dist.path("ceilingSeconds").asDouble(), 1e-9);
    assertEquals(p.shapeA(), dist.path("shapeA").asDouble(), 1e-12);
    JsonNode cdf = dist.path("cdf");
    assertEquals(ShaperReport.CDF_POINTS, cdf.size());
    assertEquals(0.0, cdf.get(0).path("p").asDouble(), 1e-12);
    assertEquals(1.0, cdf.get(cdf.size() - 1).path("p").asDouble(), 1e-12);
    for (String c : List.of("routine", "opportunistic")) {
      assertTrue(s.path("classes").has(c), c);
    }
    assertTrue(s.path("deferred").path("peer_cap").asLong() >= 3, s.path("deferred").toString());
    assertEquals(s.path("deferred").path("peer_cap").asLong(), s.path("capsHit").path("peer_cap").asLong());
    for (String r : List.of("input_full", "queue_full", "deadline_unreachable", "deadline", "shutdown")) {
      assertTrue(s.path("dropped").path(r).isNumber(), r);
    }
    assertEquals(configured.coverPerMinute(), s.path("cover").path("configuredPerMinute").asDouble(), 1e-12);
    assertTrue(s.path("queued").isNumber());
    assertTrue(s.path("inputQueued").isNumber(), s.toString());
  }

  @Test
  void shaperHistogramsBinMeasuredDelaysBesideTheExpectedCounts() {
    Timer t = Timer.builder("shaper.delay").tag("class", "routine").publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
    long before = t.count();
    ShaperSettings configured = ShaperSettings.fromConfig(config());
    ShaperSettings.ClassProfile p = configured.classes().get(UrgencyClass.ROUTINE);
    // one delay below the floor, three in the middle, one beyond the max age
    t.record(p.floor().dividedBy(2));
    Duration mid = p.floor().plus(p.ceiling()).dividedBy(2);
    t.record(mid);
    t.record(mid);
    t.record(mid);
    t.record(p.maxAge().multipliedBy(2));
    HttpProbe.Answer a = http.get("/api/v1/shaper/histograms", bearer);
    assertEquals(200, a.status(), a.body());
    JsonNode r = a.json().path("classes").path("routine");
    long count = before + 5;
    assertEquals(count, r.path("count").asLong(), r.toString());
    assertEquals(p.floor().toNanos() / 1e9, r.path("floorSeconds").asDouble(), 1e-9);
    assertEquals(p.ceiling().toNanos() / 1e9, r.path("ceilingSeconds").asDouble(), 1e-9);
    assertEquals(p.maxAge().toNanos() / 1e9, r.path("maxAgeSeconds").asDouble(), 1e-9);
    JsonNode bins = r.path("bins");
    assertTrue(bins.size() > 3, bins.toString());
    long measured = 0;
    double expected = 0;
    double prevTo = 0;
    for (JsonNode b : bins) {
      assertEquals(prevTo, b.path("fromSeconds").asDouble(), 1e-12, "bins are contiguous");
      assertTrue(b.path("toSeconds").asDouble() > b.path("fromSeconds").asDouble());
      prevTo = b.path("toSeconds").asDouble();
      measured += b.path("measured").asLong();
      expected += b.path("expected").asDouble();
      double midS = mid.toNanos() / 1e9;
      if (b.path("fromSeconds").asDouble() < midS && midS <= b.path("toSeconds").asDouble()) {
        assertTrue(b.path("measured").asLong() >= 3, "the three middle delays share a bin: " + b);
      }
    }
    assertTrue(bins.get(0).path("toSeconds").asDouble() >= p.floor().toNanos() / 1e9,
        "the first bin reaches the floor");
    assertTrue(prevTo >= p.maxAge().toNanos() / 1e9, "bins reach the max age");
    assertEquals(1, r.path("above").asLong(), "the delay beyond the max age is counted apart");
    assertEquals(count - 1, measured);
    assertEquals(count, expected, 1e-6, "the configured distribution puts all mass in the bins");
    assertTrue(a.json().path("classes").has("interactive") && a.json().path("classes").has("opportunistic"));
  }

  @Test
  void shaperHistogramsAre503WithoutShaperSettings(@TempDir Path other) throws Exception {
    Config noShaper = ConfigFactory.parseMap(Map.of("pekko-mule.management.http.port", 0))
        .withFallback(ConfigFactory.load()).withoutPath("pekko-mule.shaper");
    ServerBinding b = ManagementServer.start(kit.system(), noShaper, other, node, node, registry)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      HttpProbe probe = new HttpProbe(ManagementServer.dashboardUrl(b));
      String t = "Bearer " + ApiToken.read(ApiToken.file(other));
      assertTrue(error(probe.get("/api/v1/shaper/histograms", t), 503).contains("shaper settings"));
    } finally {
      b.unbind().toCompletableFuture().join();
    }
  }

  @Test
  void labNodeRoutingChecksTheIdAndIs404OffALab() {
    String bad = error(http.get("/api/v1/lab/nodes/xyz/routing", bearer), 400);
    assertTrue(bad.contains("32 hex digits"), bad);
    assertTrue(error(http.get("/api/v1/lab/nodes/" + HEX + "/routing", bearer), 404)
        .contains("not a lab"));
    assertEquals(405, http.postJson("/api/v1/lab/nodes/" + HEX + "/routing", bearer, "{}").status());
  }

  @Test
  void publicationsListIsEmptyOnANodeThatDoesNotPublish() {
    HttpProbe.Answer a = http.get("/api/v1/publications", bearer);
    assertEquals(200, a.status(), a.body());
    assertEquals(0, a.json().path("publications").size());
  }

  @Test
  void labIs404ForANodeOnItsOwnAndReportsALab() {
    assertTrue(error(http.get("/api/v1/lab", bearer), 404).contains("not a lab"));
    node.lab(new LabStatus("running", true, Instant.parse("2025-01-02T03:04:05Z"),
        Map.of("nodes", 3), Map.of("contacts_avg", Double.NaN, "nodes", 3), null,
        new LabStatus.Network(10, 8, 1, 1), OWN,
        List.of(new LabStatus.Peer(OWN, true, 60, 2, 1), new LabStatus.Peer(PEER, false, 30, -1, -1))));
    HttpProbe.Answer a = http.get("/api/v1/lab", bearer);
    assertEquals(200, a.status(), a.body());
    JsonNode j = a.json();
    assertEquals("running", j.path("state").asText());
    assertTrue(j.path("virtual").asBoolean());
    assertEquals("2025-01-02T03:04:05Z", j.path("startedAt").asText());
    assertTrue(j.path("progress").path("contacts_avg").isNull(), "NaN becomes null: " + j);
    assertTrue(j.path("figures").isNull());
    assertEquals(10, j.path("network").path("sent").asLong());
    assertEquals(OWN.toHex(), j.path("viewed").asText());
    assertEquals(2, j.path("nodes").size());
    assertEquals(PEER.toHex(), j.path("nodes").get(1).path("kadId").asText());
    assertEquals(-1, j.path("nodes").get(1).path("contacts").asInt());
    node.failViewsWith(new IllegalStateException("secret detail"));
    HttpProbe.Answer failed = http.get("/api/v1/lab", bearer);
    assertEquals("internal error", error(failed, 500));
    assertFalse(failed.body().contains("secret detail"));
  }

  @Test
  void metricsCountInboundOpcodesByOutcome() {
    io.pekkomule.node.kad.wire.KadMetrics kad = new io.pekkomule.node.kad.wire.KadMetrics(registry);
    kad.inbound(io.pekkomule.node.kad.wire.KadMetrics.Inbound.ACCEPTED, "ok",
        io.pekkomule.node.kad.wire.KadMetrics.opcodeKey(0x11));
    kad.inbound(io.pekkomule.node.kad.wire.KadMetrics.Inbound.DROPPED, "unknown_opcode",
        io.pekkomule.node.kad.wire.KadMetrics.opcodeKey(0xEE));
    kad.inbound(io.pekkomule.node.kad.wire.KadMetrics.Inbound.MALFORMED, "truncated");
    kad.inbound(io.pekkomule.node.kad.wire.KadMetrics.Inbound.FLOOD_LIMITED, "over_limit",
        io.pekkomule.node.kad.wire.KadMetrics.opcodeKey(0x11));
    kad.inbound(io.pekkomule.node.kad.wire.KadMetrics.Inbound.UNSOLICITED, "untracked",
        io.pekkomule.node.kad.wire.KadMetrics.opcodeKey(0x13));
    String body = http.get("/metrics", bearer).body();
    String op21 = io.pekkomule.node.kad.wire.KadMetrics.opcodeKey(0x11);
    String op29 = io.pekkomule.node.kad.wire.KadMetrics.opcodeKey(0x13);
    for (String line : List.of(
        "kad_inbound_total{opcode=\"" + op21 + "\",outcome=\"accepted\",reason=\"ok\"} 1.0",
        "kad_inbound_total{opcode=\"other\",outcome=\"dropped\",reason=\"unknown_opcode\"} 1.0",
        "kad_inbound_total{opcode=\"none\",outcome=\"malformed\",reason=\"truncated\"} 1.0",
        "kad_inbound_total{opcode=\"" + op21 + "\",outcome=\"flood_limited\",reason=\"over_limit\"} 1.0",
        "kad_inbound_total{opcode=\"" + op29 + "\",outcome=\"unsolicited\",reason=\"untracked\"} 1.0")) {
      assertTrue(body.contains(line), line + " in\n" + body);
    }
    assertFalse(op21.equals("other"), "0x11 is a Kad opcode: " + op21);
  }

  @Test
  void shaperUsesTheNodesSettingsWhenItHasThem() {
    ShaperSettings scaled = ShaperSettings.fromConfig(config()).withTimeScale(2);
    node.shaperSettings(scaled);
    double floor = http.get("/api/v1/shaper", bearer).json()
        .path("classes").path("routine").path("distribution").path("floorSeconds").asDouble();
    assertEquals(scaled.classes().get(UrgencyClass.ROUTINE).floor().toNanos() / 1e9, floor, 1e-9);
  }

  @Test
  void metricsIsPrometheusTextWithOurCounters() {
    Counter c = Counter.builder("api.test.hits").register(registry);
    c.increment(7);
    HttpProbe.Answer a = http.get("/metrics", bearer);
    assertEquals(200, a.status());
    String type = a.header("Content-Type").orElse("");
    assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), type);
    assertTrue(a.body().lines().anyMatch(l -> l.matches("api_test_hits_total(\\{\\})? 7(\\.0)?")), a.body());
    assertTrue(a.body().contains("shaper_delay_seconds_bucket"), "shaper meters are exported");
  }

  // ------------------------------------------------------------------ shaper alarms

  @Test
  void aRaisedShaperAlarmShowsInShaperStatusMetricsAndEventsThenClears() throws Exception {
    ShaperSettings s = ShaperSettings.fromConfig(config()).withCover(0);
    ShaperAlarms alarms = new ShaperAlarms(ShaperAlarms.Settings.DEFAULTS, s, shaperMetrics,
        t -> events.publish(ApiEvent.of(t)));
    node.shaperAlarms(alarms).shaperSettings(s);
    ShaperCore core = new ShaperCore(s, 1, shaperMetrics, CoverGenerator.NONE);
    SseReader sse = SseReader.open(http, bearer);
    try {
      // the hub registers a subscriber asynchronously: wait until a marker gets through
      ApiEvent marker = new ApiEvent.ContactChanged(Instant.EPOCH,
          ApiEvent.ContactChanged.Change.ADDED, PEER, null, ContactState.SEEN);
      sse.next("contact_changed", () -> events.publish(marker));
      // intents whose deadline is below the interactive floor expire at once: 10 per check
      Instant t = Instant.parse("2030-01-01T00:00:00Z");
      List<ShaperAlarms.Transition> raised = List.of();
      for (int check = 0; check < 10 && raised.isEmpty(); check++) {
        for (int i = 0; i < 10; i++) {
          core.offer(new OutboundIntent(new io.pekkomule.node.contract.SyntheticPeers(3).get(i % 3),
              0x13, new byte[8], UrgencyClass.INTERACTIVE, Duration.ofMillis(50), Origin.OTHER), 0);
        }
        t = t.plusSeconds(10);
        raised = alarms.evaluate(t);
      }
      assertEquals(1, raised.size(), raised.toString());
      assertEquals("deadline_drops", raised.get(0).alarm());

      JsonNode shaper = http.get("/api/v1/shaper", bearer).json();
      JsonNode a = shaper.path("alarms");
      assertEquals(1, a.size(), shaper.toString());
      assertEquals("deadline_drops", a.get(0).path("alarm").asText());
      assertEquals(t.toString(), a.get(0).path("since").asText());
      assertTrue(a.get(0).path("value").asDouble() >= 0.01);
      assertEquals(0.01, a.get(0).path("threshold").asDouble(), 1e-12);
      assertTrue(a.get(0).path("message").asText().contains("expired"));
      JsonNode status = http.get("/api/v1/status", bearer).json();
      assertEquals(List.of("deadline_drops"),
          HttpProbe.JSON.convertValue(status.path("shaper").path("alarms"), List.class));
      String metrics = http.get("/metrics", bearer).body();
      assertTrue(metrics.contains("shaper_alarm_active{alarm=\"deadline_drops\"} 1.0"), metrics);
      assertTrue(metrics.contains("shaper_alarm_active{alarm=\"queue_depth\"} 0.0"));
      assertTrue(metrics.contains("shaper_alarms_raised_total{alarm=\"deadline_drops\"}"));
      JsonNode ev = sse.next("shaper_alarm_raised", () -> { });
      assertEquals("deadline_drops", ev.path("alarm").asText());
      assertEquals(t.toString(), ev.path("at").asText());
      assertEquals(0.01, ev.path("threshold").asDouble(), 1e-12);

      // nothing expires any more: cleared after six clean checks
      List<ShaperAlarms.Transition> cleared = List.of();
      for (int check = 0; check < 20 && cleared.isEmpty(); check++) {
        t = t.plusSeconds(10);
        cleared = alarms.evaluate(t);
      }
      assertEquals(1, cleared.size());
      assertFalse(cleared.get(0).raised());
      JsonNode ce = sse.next("shaper_alarm_cleared", () -> { });
      assertEquals("deadline_drops", ce.path("alarm").asText());
      assertEquals(0, http.get("/api/v1/shaper", bearer).json().path("alarms").size());
      assertEquals(0, http.get("/api/v1/status", bearer).json().path("shaper").path("alarms").size());
    } finally {
      sse.close();
    }
  }

  /** Reads one SSE stream on a thread; {@link #next} waits (bounded) for an event type. */
  static final class SseReader implements AutoCloseable {
    private final HttpResponse<Stream<String>> response;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseReader(HttpResponse<Stream<String>> response) {
      this.response = response;
      Thread reader = new Thread(() -> {
        try {
          response.body().forEach(lines::add);
        } catch (java.io.UncheckedIOException closed) {
          // closed by the test
        }
      }, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static SseReader open(HttpProbe http, String bearer) throws Exception {
      HttpRequest r = http.request("/api/v1/events", bearer).header("Accept", "text/event-stream")
          .timeout(Duration.ofSeconds(60)).GET().build();
      return new SseReader(http.client().sendAsync(r, HttpResponse.BodyHandlers.ofLines())
          .get(10, TimeUnit.SECONDS));
    }

    /**
     * The data of the next event of {@code type} within 10 s; {@code nudge} runs every 100 ms
     * meanwhile (to republish while the hub registers the subscriber).
     */
    JsonNode next(String type, Runnable nudge) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          nudge.run();
          continue;
        }
        if (line.startsWith("data:")) {
          JsonNode d = HttpProbe.JSON.readTree(line.substring("data:".length()));
          if (type.equals(d.path("type").asText())) {
            return d;
          }
        }
      }
      throw new AssertionError("no " + type + " event within 10 s");
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  // ------------------------------------------------------------------ events

  @Test
  void eventsDeliverWhatIsPublishedAfterConnecting() throws Exception {
    HttpRequest r = http.request("/api/v1/events", bearer).header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<Stream<String>> response = http.client().sendAsync(r, HttpResponse.BodyHandlers.ofLines())
        .get(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try {
        response.body().forEach(lines::add);
      } catch (java.io.UncheckedIOException closed) {
        // the test closed the stream
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      ApiEvent.ContactChanged event = new ApiEvent.ContactChanged(Instant.parse("2025-05-06T07:08:09Z"),
          ApiEvent.ContactChanged.Change.ADDED, PEER, "e".repeat(52) + ".b32.i2p", ContactState.VERIFIED);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String eventLine = null;
      String dataLine = null;
      // The hub registers a new subscriber asynchronously: republish until one arrives.
      while (dataLine == null && System.nanoTime() < deadline) {
        events.publish(event);
        String line;
        while ((line = lines.poll(100, TimeUnit.MILLISECONDS)) != null) {
          if (line.startsWith("event:")) {
            eventLine = line;
          } else if (line.startsWith("data:") && eventLine != null) {
            dataLine = line;
            break;
          }
        }
      }
      assertNotNull(dataLine, "no event within 10 s");
      assertEquals("contact_changed", eventLine.substring("event:".length()).trim());
      JsonNode data = HttpProbe.JSON.readTree(dataLine.substring("data:".length()));
      assertEquals("contact_changed", data.path("type").asText());
      assertEquals("added", data.path("change").asText());
      assertEquals(PEER.toHex(), data.path("kadId").asText());
      assertEquals("verified", data.path("state").asText());
      assertEquals("2025-05-06T07:08:09Z", data.path("at").asText());
    } finally {
      response.body().close();
    }
  }

  @Test
  void anIdleEventStreamGetsKeepAlives() throws Exception {
    HttpRequest r = http.request("/api/v1/events", bearer).timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<java.io.InputStream> response = http.client()
        .sendAsync(r, HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
    try (java.io.InputStream in = response.body()) {
      java.util.concurrent.CompletableFuture<String> first =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
              byte[] b = new byte[7];
              int n = in.readNBytes(b, 0, b.length);
              return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
              return "failed: " + e;
            }
          });
      // events.keep-alive is 1 s in this test's config; nothing is published meanwhile.
      assertEquals("data:\n\n", first.get(5, TimeUnit.SECONDS));
    }
  }

  // ------------------------------------------------------------------ other servers

  @Test
  void anUnwiredNodeAnswersStatusButNotActions(@TempDir Path other) throws Exception {
    ServerBinding b = ManagementServer.start(kit.system(), config(), other,
            NodeView.empty(new IdentityView(OWN, null)), NodeControl.unavailable("node not started"),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      HttpProbe h = new HttpProbe(ManagementServer.dashboardUrl(b));
      String auth = "Bearer " + ApiToken.read(ApiToken.file(other));
      assertFalse(auth.equals(bearer), "each data directory has its own token");
      JsonNode s = h.get("/api/v1/status", auth).json();
      assertEquals("none", s.path("transport").path("kind").asText());
      assertTrue(s.path("identity").path("b32").isNull());
      assertEquals(0, s.path("routing").path("contacts").asInt());
      assertEquals(503, h.get("/health/ready", null).status());
      assertEquals("node not started", error(h.postJson("/api/v1/lookups", auth,
          "{\"type\":\"node\",\"target\":\"" + HEX + "\"}"), 503));
      assertEquals(0, h.get("/api/v1/routing", auth).json().path("buckets").size());
    } finally {
      b.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRestartReusesTheToken() throws Exception {
    ServerBinding b = ManagementServer.start(kit.system(), config(), dataDir, node, node, registry)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      HttpProbe h = new HttpProbe(ManagementServer.dashboardUrl(b));
      assertEquals(200, h.get("/api/v1/status", bearer).status());
    } finally {
      b.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void badSettingsFailTheStart(@TempDir Path other) {
    Config remote = ConfigFactory.parseMap(Map.of("pekko-mule.management.http.host", "0.0.0.0"))
        .withFallback(config());
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
        ManagementServer.start(kit.system(), remote, other, node, node, registry)
            .toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(ManagementSettings.BadSettingException.class, e.getCause());
    assertFalse(Files.exists(ApiToken.file(other)), "no token is written for a server that cannot start");
  }

  @Test
  void aPortInUseFailsTheStart(@TempDir Path other) throws IOException {
    int port = binding.localAddress().getPort();
    Config same = ConfigFactory.parseMap(Map.of("pekko-mule.management.http.port", port))
        .withFallback(config());
    try {
      ManagementServer.start(kit.system(), same, other, node, node, registry)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      fail("bound twice to port " + port);
    } catch (ExecutionException expected) {
      // BindFailedException
    } catch (InterruptedException | TimeoutException e) {
      fail(e);
    }
  }
}
