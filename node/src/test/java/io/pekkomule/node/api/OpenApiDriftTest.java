package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml and the routes stay the same set: the file's operations equal {@link
 * ApiRoutes#ENDPOINTS}, every listed operation is served (never the router's own 404 or 405),
 * every other method on a listed path is 405, and every path segment the route code names is in
 * the list (a route added without listing it fails here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDriftTest {
  private static final Path ROOT = Path.of(System.getProperty("pekkomule.root", ".."));
  private static final Path OPENAPI = ROOT.resolve("docs/openapi.yaml");
  private static final Path ROUTES =
      Path.of("src/main/java/io/pekkomule/node/api/ApiRoutes.java");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private ActorTestKit kit;
  private ApiEvents events;
  private InMemoryNode node;
  private ServerBinding binding;
  private HttpProbe http;
  private String bearer;
  @TempDir static Path dataDir;

  @BeforeAll
  void start() throws Exception {
    kit = ActorTestKit.create("OpenApiDriftTest", ManagementServerTest.config());
    events = ApiEvents.create(kit.system(), 64);
    node = new InMemoryNode(new IdentityView(ManagementServerTest.OWN, ManagementServerTest.OWN_B32),
        events, Clock.systemUTC());
    binding = ManagementServer.start(kit.system(), ManagementServerTest.config(), dataDir, node,
            node, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    http = new HttpProbe(ManagementServer.dashboardUrl(binding));
    bearer = "Bearer " + ApiToken.read(ApiToken.file(dataDir));
  }

  @AfterAll
  void stop() {
    if (binding != null) {
      binding.unbind().toCompletableFuture().join();
    }
    events.close();
    kit.shutdownTestKit();
  }

  /** "METHOD /path" of every operation under {@code paths:} in the OpenAPI file. */
  static Set<String> openApiOperations() throws IOException {
    Set<String> ops = new TreeSet<>();
    String path = null;
    boolean inPaths = false;
    for (String line : Files.readAllLines(OPENAPI)) {
      if (line.equals("paths:")) {
        inPaths = true;
        continue;
      }
      if (inPaths && !line.isEmpty() && !line.startsWith(" ")) {
        break;
      }
      Matcher p = Pattern.compile("^  (/\\S*):\\s*$").matcher(line);
      if (inPaths && p.matches()) {
        path = p.group(1);
        continue;
      }
      Matcher m = Pattern.compile("^    ([a-z]+):\\s*$").matcher(line);
      if (inPaths && path != null && m.matches() && METHODS.contains(m.group(1))) {
        ops.add(m.group(1).toUpperCase() + " " + path);
      }
    }
    return ops;
  }

  @Test
  void theOpenApiFileListsExactlyTheRoutes() throws IOException {
    Set<String> documented = openApiOperations();
    Set<String> routed = new TreeSet<>(ApiRoutes.ENDPOINTS);
    Set<String> undocumented = new TreeSet<>(routed);
    undocumented.removeAll(documented);
    Set<String> unrouted = new TreeSet<>(documented);
    unrouted.removeAll(routed);
    assertTrue(undocumented.isEmpty(), "routes missing from docs/openapi.yaml: " + undocumented);
    assertTrue(unrouted.isEmpty(), "docs/openapi.yaml operations without a route: " + unrouted);
    assertTrue(documented.size() >= 16, "parsed " + documented);
  }

  @Test
  void everyListedOperationIsServedAndNoOtherMethod() throws Exception {
    String id = http.postJson("/api/v1/lookups", bearer,
        "{\"type\":\"node\",\"target\":\"" + ManagementServerTest.HEX + "\"}").json()
        .path("id").asText();
    Set<String> paths = new TreeSet<>();
    for (String op : ApiRoutes.ENDPOINTS) {
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1);
      paths.add(path);
      if (path.equals("/api/v1/events")) {
        // a stream: the status line is enough
        var r = http.client().sendAsync(http.request(path, bearer).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        r.body().close();
        assertEquals(200, r.statusCode(), op);
        continue;
      }
      HttpProbe.Answer a = call(method, path.replace("{id}", id), "{}");
      assertFalse(routerRejected(a), op + " is not served: " + a.status() + " " + a.body());
    }
    for (String path : paths) {
      for (String m : METHODS) {
        String method = m.toUpperCase();
        if (ApiRoutes.ENDPOINTS.contains(method + " " + path)) {
          continue;
        }
        HttpProbe.Answer a = call(method, path.replace("{id}", id), "{}");
        assertEquals(405, a.status(), method + " " + path + " must not be served: " + a.body());
      }
    }
  }

  @Test
  void everySegmentTheRouteCodeNamesIsListed() throws IOException {
    String code = Files.readString(ROUTES);
    Set<String> segments = new TreeSet<>();
    for (String op : ApiRoutes.ENDPOINTS) {
      for (String s : op.substring(op.indexOf(' ') + 1).split("/")) {
        if (!s.isEmpty()) {
          segments.add(s);
        }
      }
    }
    List<String> named = new ArrayList<>();
    Matcher m = Pattern.compile("\\b(?:path|pathPrefix)\\(\"([^\"]+)\"").matcher(code);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertTrue(named.size() >= 10, "found " + named);
    for (String n : named) {
      assertTrue(segments.contains(n), "route segment \"" + n + "\" in ApiRoutes is not in "
          + "ApiRoutes.ENDPOINTS (and so not in docs/openapi.yaml)");
    }
  }

  /** The router's own 404 or 405 (not an endpoint's JSON 404 such as "no lookup with id"). */
  private static boolean routerRejected(HttpProbe.Answer a) {
    return a.status() == 405
        || (a.status() == 404 && a.body().contains("requested resource could not be found"));
  }

  private HttpProbe.Answer call(String method, String path, String body) {
    HttpRequest.Builder b = http.request(path, bearer).header("Content-Type", "application/json");
    return http.send(b.method(method, method.equals("GET") || method.equals("DELETE")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
  }
}
