package io.pekkomule.node.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pekkomule.protocol.files.NodesDat;
import io.pekkomule.testsupport.ThrowawayPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-level crash test (issue 6): the node's main class in a child JVM ({@code java -cp <test
 * classpath> io.pekkomule.node.Main run --transport lab}, the same code as the fat jar, which
 * {@code mvn verify} only builds after the tests), learns contacts from lab peers, is killed with
 * SIGKILL while it writes, and starts again on the same data directory: same KadID and
 * destination ({@code identity show}), every contact the journal acknowledged before the kill is
 * back in the routing table, and the first minute after the restart stays far below the shaper's
 * caps with no HELLO burst. Once on the embedded H2 journal, once on PostgreSQL (a throwaway
 * server on loopback; skipped only when PostgreSQL is not installed). Every wait is bounded.
 *
 * <p>The stored index too: in the first life three lab peers share a file each ({@code
 * --lab-publishers 3}; the node is the closest to the files and their keyword), their source and
 * keyword publications reach the node over the lab network, and every entry the journal
 * acknowledged before the kill ({@code GET /api/v1/persistence}, {@code indexEntries}) is held
 * by the node's index after the restart, when no peer publishes any more.
 */
class NodeProcessCrashTest {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration LEARN = Duration.ofSeconds(300);
  private static final int CONTACTS_WANTED = 8;
  private static final int PUBLISHERS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private ThrowawayPostgres pg;

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void h2KillNineAndRestart() throws Exception {
    scenario(List.of(), Map.of(), true);
  }

  @Test
  void postgresKillNineAndRestart() throws Exception {
    Optional<Path> bin = ThrowawayPostgres.findBinaries();
    Assumptions.assumeTrue(bin.isPresent(),
        "PostgreSQL binaries (initdb, pg_ctl) not found: skipping (apt-get install postgresql)");
    pg = ThrowawayPostgres.start(bin.get());
    Path conf = Path.of(System.getProperty("pekkomule.root", "..")).resolve("conf")
        .resolve("persistence-postgres.conf").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(conf), conf.toString());
    scenario(List.of("--config", conf.toString()),
        Map.of("PEKKO_MULE_PG_URL", "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres",
            "PEKKO_MULE_PG_USER", "postgres"), false);
  }

  // ------------------------------------------------------------------ the scenario

  private void scenario(List<String> extra, Map<String, String> env, boolean measureFirstMinute)
      throws Exception {
    Path data = tmp.resolve("data");
    List<String> run = new ArrayList<>(List.of("run", "--data", data.toString(), "--transport",
        "lab", "--lab-peers", "30", "--api-port", "0"));
    run.addAll(extra);
    List<String> firstRun = new ArrayList<>(run);
    firstRun.addAll(List.of("--lab-publishers", Integer.toString(PUBLISHERS)));

    // 1. first life: learn contacts and index what the publishing peers send
    Node first = startNode(firstRun, env, "first");
    JsonNode status = first.get("/api/v1/status");
    String kadId = status.path("identity").path("kadId").asText();
    String b32 = status.path("identity").path("b32").asText();
    assertEquals(32, kadId.length());
    assertTrue(b32.endsWith(".b32.i2p"), b32);
    Random rnd = new Random(42);
    long lastLookup = 0;
    long deadline = System.nanoTime() + LEARN.toNanos();
    JsonNode persisted = first.get("/api/v1/persistence");
    while (persisted.path("acknowledgedContacts").asInt() < CONTACTS_WANTED) {
      if (System.nanoTime() > deadline) {
        fail("learned only " + persisted + " within " + LEARN + "; stderr:\n" + first.stderrTail());
      }
      if (System.nanoTime() - lastLookup > Duration.ofSeconds(5).toNanos()) {
        first.post("/api/v1/lookups", "{\"type\":\"node\",\"target\":\"" + hex(rnd) + "\"}");
        lastLookup = System.nanoTime();
      }
      pause(first);
      persisted = first.get("/api/v1/persistence");
    }
    Set<String> acknowledged = new HashSet<>();
    persisted.path("contacts").forEach(c -> acknowledged.add(c.asText()));
    assertTrue(acknowledged.size() >= CONTACTS_WANTED, persisted.toString());
    // the publishers' sources and keywords, acknowledged by the journal
    while (!(kinds(persisted).contains("SOURCE") && kinds(persisted).contains("KEYWORD"))) {
      if (System.nanoTime() > deadline) {
        fail("index entries acknowledged within " + LEARN + ": " + persisted.path("indexEntries")
            + "; stderr:\n" + first.stderrTail());
      }
      pause(first);
      persisted = first.get("/api/v1/persistence");
    }
    Set<String> indexed = new HashSet<>();
    persisted.path("indexEntries").forEach(e -> indexed.add(e.asText()));
    assertEquals(indexed.size(), persisted.path("acknowledgedIndexEntries").asInt());

    // 2. kill -9 while it writes: lookups just started bring new contacts and updates
    for (int i = 0; i < 3; i++) {
      first.post("/api/v1/lookups", "{\"type\":\"node\",\"target\":\"" + hex(rnd) + "\"}");
    }
    first.process.destroyForcibly();
    assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, first.process.exitValue(), "SIGKILL");

    // 3. the identity survived: same KadID and destination
    List<String> show = new ArrayList<>(List.of("identity", "show", "--data", data.toString()));
    show.addAll(extra);
    assertEquals("kadId=" + kadId + " b32=" + b32, runCli(show, env).trim());

    // 4. second life on the same data directory
    Node second = startNode(run, env, "second");
    long restartedAt = second.upAt;
    JsonNode status2 = second.get("/api/v1/status");
    assertEquals(kadId, status2.path("identity").path("kadId").asText());
    assertEquals(b32, status2.path("identity").path("b32").asText());
    Set<String> inTable = new HashSet<>();
    for (JsonNode bucket : second.get("/api/v1/routing").path("buckets")) {
      bucket.path("contacts").forEach(c -> inTable.add(c.path("kadId").asText()));
      bucket.path("replacements").forEach(c -> inTable.add(c.path("kadId").asText()));
    }
    Set<String> missing = new HashSet<>(acknowledged);
    missing.removeAll(inTable);
    assertEquals(Set.of(), missing, "acknowledged contacts missing after the restart");
    JsonNode persisted2 = second.get("/api/v1/persistence");
    assertTrue(persisted2.path("acknowledgedContacts").asInt() >= acknowledged.size());
    Set<String> indexed2 = new HashSet<>();
    persisted2.path("indexEntries").forEach(e -> indexed2.add(e.asText()));
    Set<String> lost = new HashSet<>(indexed);
    lost.removeAll(indexed2);
    assertEquals(Set.of(), lost, "acknowledged index entries missing after the restart (no peer"
        + " publishes in the second life)");
    System.out.println("index entries restored after kill -9: " + indexed.size() + " " + indexed);

    // 5. no burst: the first minute after the restart against the caps
    if (measureFirstMinute) {
      long until = restartedAt + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < until) {
        pause(second);
      }
      Map<String, Double> sent = second.sentByFamily();
      double total = sent.values().stream().mapToDouble(Double::doubleValue).sum();
      double hello = sent.getOrDefault("hello", 0.0);
      System.out.println("first minute after restart: sent=" + total + " by family=" + sent
          + " restored=" + acknowledged.size());
      assertTrue(total <= 3000, "total-per-minute cap: " + sent);
      assertTrue(hello <= 300, "hello global cap: " + sent);
      // a re-verification burst would greet every restored contact at once
      assertTrue(hello <= Math.max(6, acknowledged.size() / 2),
          "HELLO burst after restart: " + sent + " for " + acknowledged.size() + " contacts");
    }

    // 6. graceful stop: SIGTERM drains, persists and writes nodes.dat
    second.process.destroy();
    assertTrue(second.process.waitFor(90, TimeUnit.SECONDS), "graceful stop within 90 s");
    Path nodesDat = data.resolve("nodes.dat");
    if (extra.isEmpty()) {
      assertTrue(Files.isRegularFile(nodesDat), "nodes.dat written at shutdown");
      NodesDat file = NodesDat.read(nodesDat);
      assertEquals(2, file.formatVersion());
      assertEquals(kadId, file.entries().get(0).id().toHex());
    }
    List<String> export = new ArrayList<>(List.of("nodes", "export", "--data", data.toString(),
        "--out", tmp.resolve("export.dat").toString()));
    export.addAll(extra);
    assertTrue(runCli(export, env).startsWith("exported="));
    assertFalse(NodesDat.read(tmp.resolve("export.dat")).entries().isEmpty());
  }

  /** The kinds (KEYWORD, SOURCE, NOTES) of the acknowledged index entries. */
  private static Set<String> kinds(JsonNode persisted) {
    Set<String> k = new HashSet<>();
    persisted.path("indexEntries").forEach(e -> k.add(e.asText().split("/")[0]));
    return k;
  }

  // ------------------------------------------------------------------ child processes

  private static String hex(Random rnd) {
    return String.format("%016X%016X", rnd.nextLong() | 1, rnd.nextLong());
  }

  private List<String> java(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.pekkomule.node.Main");
    cmd.addAll(args);
    return cmd;
  }

  private String runCli(List<String> args, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java(args));
    pb.environment().putAll(env);
    Path err = Files.createTempFile(tmp, "cli", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    processes.add(p);
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "CLI finished");
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + Files.readString(err));
    return new String(out, StandardCharsets.UTF_8);
  }

  private final class Node {
    final Process process;
    final String url;
    final String token;
    final Path stderr;
    final long upAt;

    Node(Process process, String url, String token, Path stderr, long upAt) {
      this.process = process;
      this.url = url;
      this.token = token;
      this.stderr = stderr;
      this.upAt = upAt;
    }

    JsonNode get(String path) throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path.substring(1)))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), path + ": " + r.body());
      return JSON.readTree(r.body());
    }

    void post(String path, String body) throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path.substring(1)))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(r.statusCode() == 202 || r.statusCode() == 429, path + ": " + r.body());
    }

    /** shaper_sent_total summed per opcode family, from /metrics. */
    Map<String, Double> sentByFamily() throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "metrics"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      Map<String, Double> out = new HashMap<>();
      for (String line : r.body().split("\n")) {
        if (line.startsWith("shaper_sent_total{")) {
          int f = line.indexOf("family=\"") + 8;
          String family = line.substring(f, line.indexOf('"', f));
          double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          out.merge(family, v, Double::sum);
        }
      }
      return out;
    }

    String stderrTail() throws IOException {
      List<String> lines = Files.readAllLines(stderr);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
  }

  /** A bounded pause between polls: returns early if the node died. */
  private static void pause(Node n) throws InterruptedException {
    if (n.process.waitFor(1, TimeUnit.SECONDS)) {
      fail("the node exited with " + n.process.exitValue());
    }
  }

  private Node startNode(List<String> args, Map<String, String> env, String name)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java(args));
    pb.environment().putAll(env);
    Path err = tmp.resolve(name + ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    processes.add(p);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          lines.add(l);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "node-stdout-" + name);
    reader.setDaemon(true);
    reader.start();
    String line = lines.poll(START.toSeconds(), TimeUnit.SECONDS);
    if (line == null) {
      fail("no dashboard line within " + START + "; stderr:\n" + String.join("\n",
          Files.readAllLines(err)));
    }
    long upAt = System.nanoTime();
    assertTrue(line.matches("dashboard: http://127\\.0\\.0\\.1:\\d+/"), line);
    String token = Files.readString(tmp.resolve("data").resolve("api.token")).trim();
    Node n = new Node(p, line.substring("dashboard: ".length()), token, err, upAt);
    BooleanSupplier noMore = lines::isEmpty;
    assertTrue(noMore.getAsBoolean(), "exactly one line on stdout");
    return n;
  }
}
