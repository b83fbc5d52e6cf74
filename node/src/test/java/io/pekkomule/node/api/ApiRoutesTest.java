package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.testkit.RouteTest;
import org.apache.pekko.http.javadsl.testkit.TestRoute;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scala.concurrent.Future;

/**
 * Every endpoint of {@link ApiRoutes#ENDPOINTS} through Pekko HTTP's route testkit (no socket;
 * {@code ManagementServerTest} does the same over loopback): without the token each protected
 * one is 401 with a JSON body and {@code WWW-Authenticate}; with it each is served (never the
 * router's 404 or 405); the endpoints that take input answer bad input with 400 JSON, and a body
 * over the limit with 413.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoutesTest extends RouteTest {
  private static final String HEX = "FFEEDDCCBBAA99887766554433221100";
  private ActorTestKit kit;
  private TestRoute route;
  private String bearer;
  @TempDir static Path dataDir;

  @Override
  public ActorSystem system() {
    return Adapter.toClassic(kit.system());
  }

  @Override
  public Materializer materializer() {
    return Materializer.matFromSystem(kit.system());
  }

  @Override
  public TestRouteResult createTestRouteResultAsync(HttpRequest request, Future<RouteResult> result) {
    return new TestRouteResult(result, awaitDuration(), system().dispatcher(), materializer()) {
      @Override
      public void fail(String message) {
        Assertions.fail(message);
      }

      @Override
      public void assertEquals(Object expected, Object actual, String message) {
        Assertions.assertEquals(expected, actual, message);
      }

      @Override
      public void assertEquals(int expected, int actual, String message) {
        Assertions.assertEquals(expected, actual, message);
      }

      @Override
      public void assertTrue(boolean predicate, String message) {
        Assertions.assertTrue(predicate, message);
      }
    };
  }

  @BeforeAll
  void start() throws Exception {
    Config config = ManagementServerTest.config();
    kit = ActorTestKit.create("ApiRoutesTest", config);
    ApiEvents events = ApiEvents.create(kit.system(), 16);
    InMemoryNode node = new InMemoryNode(new IdentityView(ManagementServerTest.OWN,
        ManagementServerTest.OWN_B32), events, Clock.systemUTC());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ShaperMetrics(registry);
    ApiToken token = ApiToken.loadOrCreate(dataDir);
    bearer = "Bearer " + ApiToken.read(ApiToken.file(dataDir));
    ApiRoutes routes = new ApiRoutes(node, node, registry, token,
        ManagementSettings.fromConfig(config), Optional.of(ShaperSettings.fromConfig(config)),
        materializer(), Clock.systemUTC());
    route = testRoute(routes.route());
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  static Stream<String> endpoints() {
    // the event stream never ends: its auth is checked, serving it is ManagementServerTest's
    return ApiRoutes.ENDPOINTS.stream().distinct();
  }

  private static boolean isPublic(String path) {
    return path.equals("/") || path.startsWith("/app.") || path.startsWith("/health/")
        || path.equals("/alive") || path.equals("/ready");
  }

  private static HttpRequest request(String method, String path) {
    String p = path.replace("{id}", path.startsWith("/api/v1/lab/") ? HEX : "1");
    return method.equals("POST")
        ? HttpRequest.POST(p).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "{}"))
        : HttpRequest.GET(p);
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void everyProtectedEndpointIs401WithoutTheTokenAndServedWithIt(String endpoint) {
    String method = endpoint.substring(0, endpoint.indexOf(' '));
    String path = endpoint.substring(endpoint.indexOf(' ') + 1);
    if (!isPublic(path)) {
      TestRouteResult none = route.run(request(method, path));
      none.assertStatusCode(401).assertMediaType("application/json")
          .assertHeaderKindExists("WWW-Authenticate");
      assertTrue(none.entityString().contains("\"status\":401"), none.entityString());
      route.run(request(method, path).addHeader(RawHeader.create("Authorization", "Bearer wrong")))
          .assertStatusCode(401);
    }
    if (path.equals("/api/v1/events")) {
      return;
    }
    TestRouteResult ok = route.run(request(method, path)
        .addHeader(RawHeader.create("Authorization", bearer)));
    int s = ok.statusCode();
    assertFalse(s == 405 || (s == 404 && !ok.entityString().contains("\"error\":\"no ")
        && !ok.entityString().contains("not a lab")), endpoint + " not served: " + s + " "
        + ok.entityString());
  }

  static Stream<String[]> badInput() {
    return Stream.of(
        new String[] {"POST", "/api/v1/lookups", "{\"type\":\"node\",\"target\":\"xyz\"}", "32 hex digits"},
        new String[] {"POST", "/api/v1/lookups", "{\"type\":\"teleport\"}", "unknown lookup type"},
        new String[] {"POST", "/api/v1/lookups", "[1]", "object"},
        new String[] {"POST", "/api/v1/publications", "{\"type\":\"source\",\"fileHash\":\"" + HEX
            + "\",\"fileSize\":-1}", "fileSize"},
        new String[] {"POST", "/api/v1/publications", "{\"type\":\"notes\",\"fileHash\":\"" + HEX
            + "\",\"fileName\":\"a\",\"rating\":9}", "rating"},
        new String[] {"GET", "/api/v1/lookups/a%20b", null, "bad lookup id"},
        new String[] {"GET", "/api/v1/lab/nodes/xyz/routing", null, "bad lab node id"});
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputIs400WithAJsonBodyThatSaysWhy(String method, String path, String body, String says) {
    HttpRequest r = method.equals("POST")
        ? HttpRequest.POST(path).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body))
        : HttpRequest.GET(path);
    TestRouteResult res = route.run(r.addHeader(RawHeader.create("Authorization", bearer)));
    res.assertStatusCode(400).assertMediaType("application/json");
    assertTrue(res.entityString().contains(says), res.entityString());
    assertFalse(res.entityString().contains("Exception"), res.entityString());
  }

  @Test
  void aBodyOverTheLimitIs413AndNotJsonIs415() {
    for (String path : List.of("/api/v1/lookups", "/api/v1/publications")) {
      route.run(HttpRequest.POST(path).addHeader(RawHeader.create("Authorization", bearer))
              .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "a".repeat(20_000))))
          .assertStatusCode(413).assertMediaType("application/json");
      route.run(HttpRequest.POST(path).addHeader(RawHeader.create("Authorization", bearer))
              .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "{}")))
          .assertStatusCode(415).assertMediaType("application/json");
    }
  }
}
