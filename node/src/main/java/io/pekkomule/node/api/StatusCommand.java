package io.pekkomule.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.pekkomule.node.cli.Cli;
import io.pekkomule.node.cli.PekkoMuleCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pekko-mule status [--data DIR] [--url URL]}: asks a running node's management API for
 * its status, with the token from {@code DIR/api.token}, and prints {@code key=value} lines.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Print a running node's status as key=value lines (kadId, b32, version, uptime, "
          + "transport, contacts, lookups, shaper, shaper alarms) from its management API."
    },
    footer = {"", "Exit codes: 0 printed, 1 the node answered with an internal error (5xx), "
        + "2 bad input (token file missing or refused, bad --url, node not reachable)."})
public final class StatusCommand implements Callable<Integer> {
  /** Exit code for an answer the node should not give (5xx, not JSON). */
  static final int INTERNAL = 1;

  @Spec private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory holding api.token (default: pekko-mule.data-dir of the configuration).")
  private Path data;

  @Option(names = "--url", paramLabel = "URL",
      description = "Base URL of the management API (default: from pekko-mule.management.http).")
  private String url;

  @Override
  public Integer call() {
    Config config = PekkoMuleCommand.effectiveConfig(spec);
    Path dir = data != null ? data : Path.of(config.getString("pekko-mule.data-dir"));
    URI base;
    try {
      base = baseUri(config);
    } catch (IllegalArgumentException | ManagementSettings.BadSettingException e) {
      return fail(Cli.BAD_INPUT, e.getMessage());
    }
    String token;
    try {
      token = ApiToken.read(ApiToken.file(dir));
    } catch (IOException e) {
      return fail(Cli.BAD_INPUT, e.getMessage() + " (has a node run with --data " + dir + "?)");
    }
    URI uri = base.resolve("api/v1/status");
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .GET()
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      return fail(Cli.BAD_INPUT, "cannot reach the node at " + base + " (is it running?)");
    } catch (HttpTimeoutException e) {
      return fail(Cli.BAD_INPUT, "the node at " + base + " did not answer in time");
    } catch (IOException e) {
      return fail(Cli.BAD_INPUT, "cannot reach the node at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(INTERNAL, "interrupted");
    }
    if (response.statusCode() == 401) {
      return fail(Cli.BAD_INPUT, "the node at " + base + " refused the token in "
          + ApiToken.file(dir) + " (is it the node's data directory?)");
    }
    JsonNode body;
    try {
      body = ApiJson.mapper().readTree(response.body());
    } catch (IOException e) {
      return fail(INTERNAL, uri + " answered " + response.statusCode() + " without JSON");
    }
    if (response.statusCode() != 200) {
      return fail(response.statusCode() < 500 ? Cli.BAD_INPUT : INTERNAL,
          uri + " answered " + response.statusCode() + ": " + body.path("error").asText("?"));
    }
    PrintWriter out = spec.commandLine().getOut();
    lines(body).forEach(out::println);
    out.flush();
    return Cli.OK;
  }

  static java.util.List<String> lines(JsonNode s) {
    JsonNode t = s.path("transport");
    JsonNode r = s.path("routing");
    JsonNode sh = s.path("shaper");
    String b32 = s.path("identity").path("b32").isTextual() ? s.path("identity").path("b32").asText() : "none";
    return java.util.List.of(
        "kadId=" + s.path("identity").path("kadId").asText(),
        "b32=" + b32,
        "version=" + s.path("version").asText(),
        "uptime=" + s.path("uptimeSeconds").asLong() + "s",
        "transport=" + t.path("kind").asText() + (t.path("up").asBoolean() ? " up" : " down"),
        "contacts=" + r.path("contacts").asInt(),
        "verified=" + r.path("verified").asInt(),
        "buckets=" + r.path("buckets").asInt(),
        "lookupsRunning=" + s.path("lookups").path("running").asInt(),
        "shaperQueued=" + sh.path("queued").asLong(),
        "shaperSent=" + sh.path("sent").asLong(),
        "shaperDropped=" + sh.path("dropped").asLong(),
        "shaperAlarms=" + alarms(sh.path("alarms")));
  }

  /** Raised shaper alarms, comma-separated, or {@code none}. */
  private static String alarms(JsonNode a) {
    java.util.List<String> names = new java.util.ArrayList<>();
    a.forEach(n -> names.add(n.asText()));
    return names.isEmpty() ? "none" : String.join(",", names);
  }

  private URI baseUri(Config config) {
    String u = url;
    if (u == null) {
      ManagementSettings s = ManagementSettings.fromConfig(config);
      u = ManagementSettings.url(s.host(), s.port());
    }
    URI uri;
    try {
      uri = new URI(u.endsWith("/") ? u : u + "/");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url " + u + ": not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("--url " + u + ": expected http://HOST:PORT/");
    }
    return uri;
  }

  private int fail(int code, String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("status: " + line);
    err.flush();
    return code;
  }
}
