package io.pekkomule.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.lab.LabDashboard;
import io.pekkomule.node.lab.LabParams;
import io.pekkomule.node.lab.LabReport;
import io.pekkomule.node.lab.LabRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pekko-mule lab}: N production nodes in one JVM on the in-memory I2P-like network, a
 * lookup workload judged against an oracle, our lookup against iMule's reference algorithm.
 * The management API (docs/api.md) serves one lab node's view and the lab's figures: the first
 * line on stdout is {@code dashboard: http://127.0.0.1:PORT/}, progress lines go to stderr, the
 * last line on stdout is the summary ({@code lab nodes=…}). With {@code --serve} the API stays up
 * after the summary (and on real time the nodes keep running) until the process is stopped.
 */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = {
      "Run N nodes in one JVM on an in-memory network with I2P-like latency, loss and churn, "
          + "and print lookup success, steps, latency, routing-table health and memory, with our "
          + "lookup compared to iMule's serial reference algorithm on the same network.",
      "The management API and dashboard serve the first seed node's view, any lab node's table "
          + "and the lab's figures; stdout starts with 'dashboard: http://127.0.0.1:PORT/', "
          + "progress lines go to stderr, the summary line 'lab nodes=…' comes last."
    },
    footer = {"", "Exit codes: 0 the run ended (or --serve was stopped), 1 internal error, "
        + "2 bad input (options, configuration, a port in use)."})
public final class LabCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000",
      description = "Nodes in the lab (default: ${DEFAULT-VALUE}).")
  private int nodes;

  @Option(names = "--virtual",
      description = "Run on virtual time (discrete events, one thread, reproducible); "
          + "without it the lab runs on real time.")
  private boolean virtual;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "40m",
      converter = DurationConverter.class,
      description = "Simulated (or real) length of the run, e.g. 40m, 2h, 90s "
          + "(default: ${DEFAULT-VALUE}).")
  private Duration duration;

  @Option(names = "--churn", paramLabel = "F", defaultValue = "0",
      description = "Share of the nodes replaced during the workload, 0..1 (default: ${DEFAULT-VALUE}).")
  private double churn;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the figures as one JSON object to FILE.")
  private Path json;

  @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class,
      description = "Time before the workload starts (default: 20m, at most 40 %% of the duration).")
  private Duration warmup;

  @Option(names = "--join-window", paramLabel = "D", converter = DurationConverter.class,
      description = "Nodes join at random times within this window "
          + "(default: 5m, at most half the warm-up).")
  private Duration joinWindow;

  @Option(names = "--pairs", paramLabel = "P",
      description = "Lookup pairs (ours and iMule's on the same origin and target; "
          + "default: nodes/3, at most 300).")
  private Integer pairs;

  @Option(names = "--loss", paramLabel = "F",
      description = "Share of datagrams lost (default: 0.01).")
  private Double loss;

  @Option(names = "--alpha", paramLabel = "A",
      description = "Requests in flight for our lookups, 1..3 (default: 3).")
  private Integer alpha;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory for the API token api.token "
          + "(default: pekko-mule.data-dir of the configuration).")
  private Path data;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port of the management API and dashboard, 0 for a free one "
          + "(default: pekko-mule.management.http.port).")
  private Integer port;

  @Option(names = "--serve",
      description = "Keep serving the API and dashboard after the summary until stopped "
          + "(Ctrl-C); on real time the nodes keep running too, so lookups can still be started.")
  private boolean serve;

  @Option(names = "--clients", paramLabel = "F",
      description = "Harness H8: share of the non-seed nodes that are client-heavy (share files "
          + "over the run, search often); the others only route. Adds h8_* figures to the "
          + "summary line and replaces the publish/search workload (default: 0, no roles).")
  private Double clients;
  @Option(names = "--cover", paramLabel = "on|off",
      description = "Cover lookups (the default totals) on every lab node (default: on with "
          + "--clients, else off; a node run with 'run' has them on, conf pekko-mule.kad.cover).")
  private String cover;
  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LabParams p;
    try {
      p = params();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0..65535");
    }
    Config config = PekkoMuleCommand.of(spec).config();
    Path dir = data != null ? data : Path.of(config.getString("pekko-mule.data-dir"));
    LabReport report;
    try (LabDashboard dashboard = LabDashboard.start(config, dir, port, serve && !virtual)) {
      CompletableFuture<LabReport> run = new CompletableFuture<>();
      Thread lab = new Thread(() -> {
        try {
          run.complete(LabRunner.run(p, config, line -> {
            err.println(line);
            err.flush();
          }, dashboard.watch()));
        } catch (Throwable t) {
          run.completeExceptionally(t);
        }
      }, "lab");
      lab.setDaemon(true);
      lab.start();
      // the first node joins at once; the line comes when the API has a node to show
      CompletableFuture.anyOf(dashboard.watch().ready(), run).get(60, TimeUnit.SECONDS);
      out.println("dashboard: " + dashboard.url());
      out.flush();
      try {
        report = run.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception x ? x : e;
      }
      out.println(report.line());
      out.flush();
      writeJson(report);
      if (serve) {
        err.println("lab: " + (virtual ? "the virtual lab ended; " : "the nodes keep running; ")
            + "serving " + dashboard.url() + " until stopped (Ctrl-C)");
        err.flush();
        new CountDownLatch(1).await();
      }
    } catch (LabDashboard.StartFailed e) {
      err.println("lab: " + e.getMessage() + " (--port 0 picks a free port)");
      err.flush();
      return Cli.BAD_INPUT;
    }
    return Cli.OK;
  }

  private void writeJson(LabReport report) throws IOException {
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), report.figures());
    }
  }

  private LabParams params() {
    if (nodes < 2) {
      throw new IllegalArgumentException("--nodes must be at least 2");
    }
    LabParams p = LabParams.defaults(nodes).withVirtual(virtual).withSeed(seed)
        .withDuration(Duration.ofDays(365));
    // short runs get a proportionally shorter warm-up unless one is given
    Duration w = warmup != null ? warmup
        : min(p.warmup(), Duration.ofSeconds(duration.toSeconds() * 2 / 5));
    p = p.withWarmup(w);
    p = p.withJoinWindow(joinWindow != null ? joinWindow
        : min(p.joinWindow(), Duration.ofSeconds(w.toSeconds() / 2)));
    p = p.withDuration(duration).withChurn(churn);
    if (pairs != null) {
      p = p.withPairs(pairs);
    }
    if (loss != null) {
      p = p.withLoss(loss);
    }
    if (cover != null && !cover.equals("on") && !cover.equals("off")) {
      throw new IllegalArgumentException("--cover must be on or off");
    }
    if (clients != null && (clients < 0 || clients > 1)) {
      throw new IllegalArgumentException("--clients must be in [0, 1]");
    }
    LabParams.Participation h8 = p.participation();
    if (clients != null && clients > 0) {
      h8 = io.pekkomule.node.contract.ParticipationHarness.params(nodes, 1, seed, true)
          .participation();
      h8 = new LabParams.Participation(clients, h8.searchesPerHour(), h8.filesPerClient(),
          h8.cover(), h8.coverConfig(), h8.window());
    }
    if (cover != null) {
      h8 = h8.withCover(cover.equals("on"));
    }
    p = p.withParticipation(h8);
    if (alpha != null) {
      LookupConfig o = p.ours();
      p = p.withOurs(new LookupConfig(alpha, o.softTimeout(), o.hardTimeout(),
          Math.max(alpha, o.maxInFlight()), o.quietPeriod(), o.iterateNode()));
    }
    return p;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** picocli converter for {@code 40m}, {@code 2h}, {@code 90s}, {@code PT40M}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return LabRunner.parseDuration(value);
    }
  }
}
