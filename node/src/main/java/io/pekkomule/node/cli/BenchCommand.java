package io.pekkomule.node.cli;

import io.pekkomule.node.shaper.ShaperBenchmark;
import io.pekkomule.node.shaper.ShaperConfigException;
import io.pekkomule.node.shaper.ShaperSettings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: performance measurements (goals live here, not in unit tests). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks.",
    subcommands = {BenchCommand.ShaperBench.class, BenchCommand.EmbeddedBench.class,
      BenchCommand.RecoveryBench.class, BenchCommand.RecoveryColdBench.class})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }


  /** {@code bench embedded}: the in-JVM I2P router's start-up and resource cost, offline. */
  @Command(
      name = "embedded",
      mixinStandardHelpOptions = true,
      description = {
        "Start the embedded Java I2P router offline in a scratch directory with N sessions",
        "(zero hops, no datagrams) and print its start-up time, session set-up times, threads,",
        "heap and resident memory."
      })
  public static final class EmbeddedBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sessions", defaultValue = "1",
        description = "Sessions (destinations) created in parallel, 1..16 (default ${DEFAULT-VALUE}).")
    int sessions;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (sessions < 1 || sessions > 16) {
        err.println("bench embedded: --sessions must be 1..16");
        return 2;
      }
      io.pekkomule.node.transport.embedded.EmbeddedConfig cfg;
      try {
        cfg = io.pekkomule.node.transport.TransportConfig.from(
            io.pekkomule.node.transport.TransportConfig.withKind(
                PekkoMuleCommand.effectiveConfig(spec), "embedded")).embedded();
      } catch (io.pekkomule.node.transport.TransportConfigException e) {
        err.println(e.getMessage());
        return 2;
      }
      out.println(io.pekkomule.node.transport.embedded.EmbeddedBenchmark.run(cfg, sessions).line());
      out.flush();
      return 0;
    }
  }

  /** {@code bench shaper}: the materialized graph on the real scheduler, 1 and P peers. */
  @Command(
      name = "shaper",
      mixinStandardHelpOptions = true,
      description = {
        "Offer intents at a fixed rate through the real shaper graph, first to 1 peer (per-peer",
        "caps defer and drop most of it), then to P peers (caps respected, graph throughput);",
        "the last line is the P-peer figure."
      })
  public static final class ShaperBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "120",
        description = "Length of each run; the first half (at most the longest class ceiling) is warm-up (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--peers", defaultValue = "10000", description = "Distinct peers of the main run (default ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--rate", defaultValue = "400",
        description = "Offered intents per second (default ${DEFAULT-VALUE}; 100x iMule's per-node allowance is about 362).")
    double rate;


    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (seconds < 2 || peers < 1 || !(rate > 0)) {
        err.println("bench shaper: need --seconds >= 2, --peers >= 1, --rate > 0");
        return 2;
      }
      ShaperSettings settings;
      try {
        settings = ShaperSettings.fromConfig(PekkoMuleCommand.effectiveConfig(spec));
      } catch (ShaperConfigException e) {
        err.println("bad shaper setting: " + e.getMessage());
        return 2;
      }
      double target = 100 * ShaperBenchmark.imulePerDestinationPerSecond();
      out.printf(Locale.ROOT, "bench shaper seconds=%d rate=%.0f privacy-level=%s target_intents_per_s>=%.0f "
          + "cpu_core_pct<5 lateness_p99_ms<=%d%n", seconds, rate, settings.privacyLevel().key(), target,
          2 * settings.tick().toMillis());
      ShaperBenchmark.Result one = ShaperBenchmark.run(settings, seconds, 1, rate);
      out.println(one.detail());
      out.println(one.line());
      out.flush();
      ShaperBenchmark.Result many = ShaperBenchmark.run(settings, seconds, peers, rate);
      out.println(many.detail());
      boolean met = many.intentsPerS() >= target && many.cpuCorePct() < 5
          && many.latenessP99Ms() <= 2 * settings.tick().toMillis();
      out.println("targets " + (met ? "met" : "missed"));
      out.println(many.line());
      return 0;
    }
  }

  /** {@code bench recovery}: routing-bucket recovery after a long simulated history. */
  @Command(
      name = "recovery",
      mixinStandardHelpOptions = true,
      description = {
        "Write a simulated history (a full routing table seen every --step, 5 %% churn per step)",
        "into the journal of a fresh data directory through the real entity, then recover it in a",
        "fresh actor system: recovery time, and downtime ageing for 1 h and for --days of downtime.",
        "The last line is the figure line; target recovery_ms < 1000."
      })
  public static final class RecoveryBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--contacts", defaultValue = "2000",
        description = "Contacts in the full table (default ${DEFAULT-VALUE}).")
    int contacts;

    @Option(names = "--days", defaultValue = "365", description = "Simulated history (default ${DEFAULT-VALUE}).")
    long days;

    @Option(names = "--step", defaultValue = "168h", converter = LabCommand.DurationConverter.class,
        description = "Simulated time between rounds of signs of life (default ${DEFAULT-VALUE}).")
    java.time.Duration step;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Data directory for the journal (default: a new temporary directory).")
    java.nio.file.Path data;

    @Option(names = "--recover-only",
        description = "Do not write a history: measure the journal in --data as an earlier run"
            + " wrote it (every measurement works on a copy; the journal stays as it is).")
    boolean recoverOnly;

    @Option(names = "--cold-runs", defaultValue = "3",
        description = "Fresh JVMs measuring the cold recovery (`bench recovery-cold`), each on a"
            + " copy of the journal; recovery_ms is their median (default ${DEFAULT-VALUE}).")
    int coldRuns;

    @Option(names = "--sequential",
        description = "The fresh JVMs open H2 after the actor system, not beside it (the old order).")
    boolean sequential;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (contacts < 1 || days < 1 || coldRuns < 0 || step.isZero() || step.isNegative()
          || step.compareTo(java.time.Duration.ofDays(days)) > 0) {
        err.println("bench recovery: need --contacts >= 1, --days >= 1, --cold-runs >= 0,"
            + " 0 < --step <= --days");
        return 2;
      }
      java.nio.file.Path dir = data != null ? data
          : java.nio.file.Files.createTempDirectory("pekko-mule-bench-recovery");
      java.nio.file.Files.createDirectories(dir);
      io.pekkomule.node.run.RecoveryBenchmark.Result r = io.pekkomule.node.run.RecoveryBenchmark.run(
          PekkoMuleCommand.effectiveConfig(spec), dir, contacts, days, step, recoverOnly, coldRuns,
          configFileOf(spec), sequential, line -> {
            err.println(line);
            err.flush();
          });
      out.printf(Locale.ROOT, "history written: %d events in %d ms (journal %s)%n", r.events(),
          r.writeMillis(), dir);
      r.colds().forEach(c -> out.println(c.line()));
      out.println("target recovery_ms < 1000: " + (r.recoveryMillis() < 1000 ? "met" : "missed"));
      out.println(r.line());
      out.flush();
      return 0;
    }
  }

  private static java.util.Optional<java.nio.file.Path> configFileOf(CommandSpec spec) {
    return spec.root().userObject() instanceof PekkoMuleCommand root
        ? root.configFile() : java.util.Optional.empty();
  }

  /** {@code bench recovery-cold}: one cold recovery of an existing data directory, in this JVM. */
  @Command(
      name = "recovery-cold",
      mixinStandardHelpOptions = true,
      description = {
        "Recover the routing buckets of an existing data directory in THIS JVM (run it as a fresh",
        "process; `bench recovery` does) and print the breakdown: JVM start (listed apart), config,",
        "H2 open, actor system, journal plugin init, snapshot load, event replay (apply part), total",
        "from opening the data directory to the routing state recovered, then the downtime ageing."
      })
  public static final class RecoveryColdBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "Data directory holding a journal.")
    java.nio.file.Path data;

    @Option(names = "--age-at", paramLabel = "INSTANT",
        description = "After recovery apply the downtime up to this time (ISO-8601).")
    java.time.Instant ageAt;

    @Option(names = "--sequential",
        description = "Open H2 after the actor system has started, not beside it (the old order).")
    boolean sequential;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!java.nio.file.Files.isDirectory(data.resolve("journal"))) {
        err.println("bench recovery-cold: no journal in " + data);
        return 2;
      }
      io.pekkomule.node.run.RecoveryBenchmark.ColdResult r =
          io.pekkomule.node.run.RecoveryBenchmark.cold(PekkoMuleCommand.effectiveConfig(spec),
              data, java.util.Optional.ofNullable(ageAt), sequential);
      out.println(r.line());
      out.flush();
      return 0;
    }
  }
}
