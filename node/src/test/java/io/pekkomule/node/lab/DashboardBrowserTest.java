package io.pekkomule.node.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.api.ApiToken;
import io.pekkomule.node.api.RoutingSummary;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: a real-time lab of 24 nodes with the management API over it
 * ({@link LabDashboard}, as {@code pekko-mule lab} starts it), then {@code dashboard-test.mjs}
 * drives Debian's headless Chromium through playwright-core (installed from the npm registry into
 * {@code target/dashboard-test} with the committed lock file; no browser is downloaded). It logs
 * in, checks a non-empty routing table, the shaper histograms, a node lookup with its start and
 * end events and the lab view, and saves {@code target/dashboard.png} (plus -shaper, -lookups, -lab).
 *
 * <p>Needs {@code /usr/bin/chromium} (or {@code -Dpekkomule.chromium=PATH}), {@code node} and
 * {@code npm}; without them it FAILS saying what to install, unless {@code
 * -Dpekkomule.browser=none} turns it off (as {@code -Dpekkomule.interop=none} does the interop
 * tests).
 */
@Tag("browser")
class DashboardBrowserTest {
  private static final Path SOURCES = Path.of("src/test/dashboard");
  private static final Path BUILD = Path.of("target/dashboard-test");
  private static final Path SCREENSHOT = Path.of("target/dashboard.png");
  private static final Duration NPM_LIMIT = Duration.ofMinutes(5);
  private static final Duration BROWSER_LIMIT = Duration.ofMinutes(5);
  private static final Duration CONTACTS_LIMIT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @Test
  void theDashboardShowsARunningLabInHeadlessChromium() throws Exception {
    String mode = System.getProperty("pekkomule.browser", "chromium");
    assumeFalse(mode.equals("none"), "-Dpekkomule.browser=none");
    Path chromium = Path.of(System.getProperty("pekkomule.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      fail("the dashboard test needs Debian's Chromium at " + chromium
          + ": apt-get install chromium (.ci/run installs it), or skip with -Dpekkomule.browser=none");
    }
    Path node = onPath("node").orElseGet(() -> fail("the dashboard test needs node on the PATH: "
        + "apt-get install nodejs npm (.ci/run installs them), or skip with -Dpekkomule.browser=none"));
    Path npm = onPath("npm").orElseGet(() -> fail("the dashboard test needs npm on the PATH: "
        + "apt-get install npm (.ci/run installs it), or skip with -Dpekkomule.browser=none"));
    installPlaywright(npm);

    Config config = ConfigFactory.load();
    Path data = tmp.resolve("data");
    LabParams params = LabParams.defaults(24).withVirtual(false).withSeed(5)
        .withDuration(Duration.ofHours(1)).withWarmup(Duration.ofMinutes(20))
        .withJoinWindow(Duration.ofSeconds(20)).withProgressEvery(Duration.ofSeconds(5));
    try (LabDashboard dashboard = LabDashboard.start(config, data, 0, false)) {
      CompletableFuture<LabReport> run = CompletableFuture.supplyAsync(
          () -> LabRunner.run(params, config, line -> { }, dashboard.watch()));
      dashboard.watch().ready().get(60, TimeUnit.SECONDS);
      RoutingSummary contacts = awaitContacts(dashboard, run);
      assertTrue(contacts.contacts() > 0, "the viewed lab node has contacts");

      Files.deleteIfExists(SCREENSHOT);
      Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
      ProcessBuilder pb = new ProcessBuilder(node.toString(), "dashboard-test.mjs")
          .directory(BUILD.toFile())
          .redirectErrorStream(true)
          .redirectOutput(tmp.resolve("browser.log").toFile());
      pb.environment().put("DASHBOARD_URL", dashboard.url());
      pb.environment().put("DASHBOARD_TOKEN", ApiToken.read(ApiToken.file(data)));
      pb.environment().put("CHROMIUM", chromium.toString());
      pb.environment().put("USER_DATA_DIR", profile.toString());
      pb.environment().put("SCREENSHOT", SCREENSHOT.toAbsolutePath().toString());
      Process p = pb.start();
      boolean ended = p.waitFor(BROWSER_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String log = Files.readString(tmp.resolve("browser.log"), StandardCharsets.UTF_8);
      assertTrue(ended, "the browser test did not end within " + BROWSER_LIMIT + ":\n" + log);
      assertEquals(0, p.exitValue(), "dashboard-test.mjs failed:\n" + log);
      assertTrue(log.contains("\"ok\":true"), log);
      assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot saved at " + SCREENSHOT);
      System.out.println("dashboard browser test: " + log.strip() + " screenshot "
          + SCREENSHOT.toAbsolutePath());
      assertTrue(!run.isDone() || !run.isCompletedExceptionally(), "the lab still runs");
    }
  }

  /** Waits (bounded) until the viewed node's table has a contact; the lab's own failure fails. */
  private static RoutingSummary awaitContacts(LabDashboard dashboard, CompletableFuture<?> run)
      throws Exception {
    long deadline = System.nanoTime() + CONTACTS_LIMIT.toNanos();
    RoutingSummary s = RoutingSummary.of(io.pekkomule.node.api.RoutingView.empty());
    while (System.nanoTime() < deadline) {
      if (run.isCompletedExceptionally()) {
        run.join();
      }
      s = dashboard.view().routingSummary().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (s.contacts() >= 2) {
        return s;
      }
      // the lab runs on real time: contacts come with its HELLO handshakes
      CompletableFuture.runAsync(() -> { },
          CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)).join();
    }
    return s;
  }

  /** npm ci of the committed lock file into target/dashboard-test (once per clean build). */
  private static void installPlaywright(Path npm) throws IOException, InterruptedException {
    Files.createDirectories(BUILD);
    for (String f : List.of("package.json", "package-lock.json", "dashboard-test.mjs")) {
      Files.copy(SOURCES.resolve(f), BUILD.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    // installed already from this very lock file?
    Path marker = BUILD.resolve("node_modules/.installed-from-lock");
    String lock = Files.readString(SOURCES.resolve("package-lock.json"));
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(lock)) {
      return;
    }
    Path log = BUILD.resolve("npm.log");
    Process p = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund",
        "--ignore-scripts")
        .directory(BUILD.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean ended = p.waitFor(NPM_LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(ended && p.exitValue() == 0,
        "npm ci of playwright-core (from the npm registry) failed in " + BUILD + ":\n" + out);
    Files.writeString(marker, lock);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
