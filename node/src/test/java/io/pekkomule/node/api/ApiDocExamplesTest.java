package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.lab.LabDashboard;
import io.pekkomule.node.lab.LabParams;
import io.pekkomule.node.lab.LabReport;
import io.pekkomule.node.lab.LabRunner;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/api.md's transcript "Every endpoint against a lab" is run, as written, against a running
 * real-time lab ({@link LabDashboard}, as {@code pekko-mule lab --serve} serves it): every {@code $}
 * line of its code blocks goes into one bash script with the lab's data directory and URL put in
 * for {@code /tmp/lab} and {@code http://127.0.0.1:7626}, and each {@code curl} reports its HTTP
 * status on stderr. An example whose documented output is an error ({@code {"error": …,
 * "status": N}}) must answer exactly N; every other example must answer 2xx. Every endpoint of
 * {@link ApiRoutes#ENDPOINTS} must have an example there. The {@code java -jar} lines (starting
 * the lab, {@code status}) are not run here: the lab is started by the test, {@code status} is
 * {@code StatusCommandTest}'s.
 *
 * <p>Needs bash and curl ({@code .ci/run} installs curl); {@code -Dpekkomule.docs=none} skips it.
 */
@Tag("docs")
class ApiDocExamplesTest {
  private static final Path API_MD = Path.of("../docs/api.md");
  private static final String SECTION = "## Every endpoint against a lab";
  private static final String DOC_URL = "http://127.0.0.1:7626";
  private static final String DOC_DATA = "/tmp/lab";
  private static final Duration CONTACTS_LIMIT = Duration.ofMinutes(3);
  private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(3);
  private static final Pattern CURL_URL = Pattern.compile("http://127\\.0\\.0\\.1:7626(/[^\\s\"')]*)");
  private static final Pattern ERROR_STATUS = Pattern.compile("^\\{\"error\":.*\"status\":(\\d{3})\\}");

  @TempDir Path tmp;

  /** One {@code $} line and what the transcript shows after it. */
  record Example(int line, String command, List<String> output) {
    /** The documented error status, if the documented output is an error body. */
    Optional<Integer> documentedError() {
      if (output.isEmpty()) {
        return Optional.empty();
      }
      Matcher m = ERROR_STATUS.matcher(output.get(0).trim());
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
  }

  static List<Example> examples() throws Exception {
    List<String> lines = Files.readAllLines(API_MD, StandardCharsets.UTF_8);
    int start = lines.indexOf(SECTION);
    assertTrue(start >= 0, "docs/api.md has no section \"" + SECTION + "\"");
    List<Example> out = new ArrayList<>();
    boolean inCode = false;
    Example current = null;
    for (int i = start + 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("## ")) {
        break;
      }
      if (l.startsWith("```")) {
        inCode = !inCode;
        current = null;
        continue;
      }
      if (!inCode) {
        continue;
      }
      if (l.startsWith("$ ")) {
        current = new Example(i + 1, l.substring(2), new ArrayList<>());
        out.add(current);
      } else if (current != null) {
        current.output().add(l);
      }
    }
    return out;
  }

  /** "METHOD /path" of a curl example (path parameters as the route pattern would match them). */
  static Optional<String> operation(String command) {
    int curl = command.lastIndexOf("curl ");
    if (curl < 0) {
      return Optional.empty();
    }
    String c = command.substring(curl);
    Matcher m = CURL_URL.matcher(c);
    if (!m.find()) {
      return Optional.empty();
    }
    String path = m.group(1).replaceAll("\\?.*", "");
    boolean post = c.matches(".*\\s(-d|--data|--data-binary)\\s.*");
    return Optional.of((post ? "POST " : "GET ") + path);
  }

  static boolean matches(String endpoint, String operation) {
    String regex = Pattern.quote(endpoint).replace("{id}", "\\E[^/]+\\Q");
    return operation.matches(regex);
  }

  @Test
  void everyEndpointHasAnExampleInTheLabTranscript() throws Exception {
    List<Example> ex = examples();
    assertTrue(ex.size() >= 20, "parsed " + ex.size() + " examples");
    TreeSet<String> missing = new TreeSet<>();
    for (String endpoint : ApiRoutes.ENDPOINTS) {
      boolean found = ex.stream().map(e -> operation(e.command())).flatMap(Optional::stream)
          .anyMatch(op -> matches(endpoint, op));
      if (!found) {
        missing.add(endpoint);
      }
    }
    assertTrue(missing.isEmpty(), "endpoints without a curl example in \"" + SECTION + "\": "
        + missing);
  }

  @Test
  void everyCurlExampleOfTheLabTranscriptWorksAgainstARunningLab() throws Exception {
    assumeFalse("none".equals(System.getProperty("pekkomule.docs")), "-Dpekkomule.docs=none");
    Path bash = onPath("bash").orElseGet(() -> fail("the docs test needs bash"));
    onPath("curl").orElseGet(() -> fail("the docs test needs curl on the PATH: apt-get install "
        + "curl (.ci/run installs it), or skip with -Dpekkomule.docs=none"));
    List<Example> examples = examples();

    Config config = ConfigFactory.load();
    Path data = tmp.resolve("lab");
    LabParams params = LabParams.defaults(16).withVirtual(false).withSeed(3)
        .withDuration(Duration.ofHours(1)).withWarmup(Duration.ofMinutes(20))
        .withJoinWindow(Duration.ofSeconds(15)).withProgressEvery(Duration.ofSeconds(5));
    try (LabDashboard lab = LabDashboard.start(config, data, 0, false)) {
      CompletableFuture<LabReport> run = CompletableFuture.supplyAsync(
          () -> LabRunner.run(params, config, line -> { }, lab.watch()));
      lab.watch().ready().get(60, TimeUnit.SECONDS);
      awaitContacts(lab, run);
      String url = lab.url().replaceAll("/$", "");

      // one script: the transcript's variables (T, H, ID) carry from line to line
      StringBuilder script = new StringBuilder("set -u\n");
      Map<Integer, Example> byIndex = new LinkedHashMap<>();
      int n = 0;
      for (Example e : examples) {
        String c = e.command().trim();
        if (c.startsWith("java ")) {
          continue;
        }
        n++;
        byIndex.put(n, e);
        c = c.replace(DOC_URL, url).replace(DOC_DATA, data.toString())
            // the events example listens 20 s in the transcript; 3 s are enough here
            .replace("--max-time 20", "--max-time 3");
        String status = "%{stderr}@@STATUS " + n + " %{http_code}\\n";
        Matcher w = Pattern.compile("-w \"([^\"]*)\"").matcher(c);
        if (w.find()) {
          // the transcript's own -w goes on; ours follows it (one -w per curl)
          c = c.substring(0, w.start()) + "-w \"" + w.group(1) + status + "\""
              + c.substring(w.end());
        } else {
          c = c.replace("curl ", "curl -w '" + status + "' ");
        }
        script.append("echo '@@OUT ").append(n).append("'\n").append(c).append('\n')
            .append("echo\n");
      }
      Path file = tmp.resolve("transcript.sh");
      Files.writeString(file, script);
      Process p = new ProcessBuilder(bash.toString(), file.toString())
          .directory(tmp.toFile())
          .redirectOutput(tmp.resolve("out.txt").toFile())
          .redirectError(tmp.resolve("err.txt").toFile())
          .start();
      boolean ended = p.waitFor(SCRIPT_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String out = Files.readString(tmp.resolve("out.txt"));
      String err = Files.readString(tmp.resolve("err.txt"));
      assertTrue(ended, "the transcript did not end within " + SCRIPT_LIMIT + ":\n" + err);
      System.out.println("api.md transcript against a lab:\n" + out);

      Map<Integer, List<Integer>> statuses = new LinkedHashMap<>();
      for (String l : err.split("\n")) {
        Matcher m = Pattern.compile("^@@STATUS (\\d+) (\\d{3})").matcher(l);
        if (m.find()) {
          statuses.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>())
              .add(Integer.parseInt(m.group(2)));
        }
      }
      Map<Integer, String> outputs = new LinkedHashMap<>();
      Matcher o = Pattern.compile("(?m)^@@OUT (\\d+)\n").matcher(out);
      List<int[]> marks = new ArrayList<>();
      while (o.find()) {
        marks.add(new int[] {Integer.parseInt(o.group(1)), o.start(), o.end()});
      }
      for (int i = 0; i < marks.size(); i++) {
        int end = i + 1 < marks.size() ? marks.get(i + 1)[1] : out.length();
        outputs.put(marks.get(i)[0], out.substring(marks.get(i)[2], end).strip());
      }
      List<String> failures = new ArrayList<>();
      int curls = 0;
      for (Map.Entry<Integer, Example> x : byIndex.entrySet()) {
        Example e = x.getValue();
        List<Integer> s = statuses.getOrDefault(x.getKey(), List.of());
        if (!e.command().contains("curl ")) {
          continue;
        }
        curls++;
        if (s.isEmpty()) {
          failures.add("api.md:" + e.line() + " no answer: " + e.command());
          continue;
        }
        String actual = outputs.getOrDefault(x.getKey(), "");
        String documented = e.output().isEmpty() ? "" : e.output().get(0).strip();
        if (documented.matches("\\d{3} .*") && !actual.equals(documented)) {
          failures.add("api.md:" + e.line() + " printed \"" + actual + "\", documented \""
              + documented + "\"");
        }
        Matcher dk = Pattern.compile("^\\{\"(\\w+)\"").matcher(documented);
        if (dk.find() && !actual.startsWith("{\"" + dk.group(1) + "\"")) {
          failures.add("api.md:" + e.line() + " printed " + cut(actual) + ", documented "
              + cut(documented));
        }
        Optional<Integer> error = e.documentedError();
        for (int status : s) {
          if (error.isPresent() ? status != error.get() : status < 200 || status >= 300) {
            failures.add("api.md:" + e.line() + " answered " + status + " (documented: "
                + error.map(String::valueOf).orElse("2xx") + "): " + e.command());
          }
        }
      }
      assertTrue(curls >= 20, "ran " + curls + " curl examples");
      assertTrue(failures.isEmpty(), String.join("\n", failures) + "\nstderr:\n" + err);
      assertFalse(run.isCompletedExceptionally(), "the lab failed");
    }
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  /** Waits (bounded) until the viewed node's table has contacts; the lab's failure fails. */
  private static void awaitContacts(LabDashboard lab, CompletableFuture<?> run) throws Exception {
    long deadline = System.nanoTime() + CONTACTS_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (run.isCompletedExceptionally()) {
        run.join();
      }
      RoutingSummary s = lab.view().routingSummary().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (s.contacts() >= 2) {
        return;
      }
      CompletableFuture.runAsync(() -> { },
          CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)).join();
    }
    fail("the lab's viewed node has no contacts after " + CONTACTS_LIMIT);
  }

  private static Optional<Path> onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
