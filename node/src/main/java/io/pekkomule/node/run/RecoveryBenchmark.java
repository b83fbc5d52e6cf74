package io.pekkomule.node.run;

import com.typesafe.config.Config;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.persistence.buckets.EvictionReason;
import io.pekkomule.persistence.buckets.RecoveryReport;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code bench recovery}: how long the routing buckets take to recover after a long history.
 * Writes a simulated history of {@code days} into the journal of a data directory — a full
 * routing table of {@code contacts} (plus a replacement cache), every contact seen once per
 * {@code step}, 5 % of the table replaced per step (evicted, a newcomer added, a candidate
 * cached), periodic checkpoints — through the real entity (snapshot every 500 events, older events
 * deleted), then starts a fresh actor system on the same journal and measures (1) recovery: from
 * the first command to the entity until it answers (snapshot + remaining events), and (2) the
 * downtime ageing ({@code ApplyDowntime}) for a downtime of 1 hour and of the whole history.
 */
public final class RecoveryBenchmark {
  private RecoveryBenchmark() {}

  /** The figures. */
  /**
   * The figures. {@code recoveryMillis}: the median over the fresh JVMs of "open the data
   * directory → routing state recovered" ({@link ColdResult#totalMillis()}); without fresh JVMs,
   * the first recovery in this JVM after writing the history (the figure before the fresh-JVM
   * probe existed). {@code inProcessMillis}: that first in-process recovery, journal plugin
   * already started ({@code journalStartMillis}).
   */
  public record Result(int contacts, int candidates, long days, long events, long writeMillis,
      long journalStartMillis, long inProcessMillis, long warmRecoveryMillis, long ageingHourMillis,
      long recoveryYearMillis, long ageingYearMillis, int survivorsAfterYear,
      List<ColdResult> colds) {
    public long recoveryMillis() {
      return colds.isEmpty() ? inProcessMillis : median(ColdResult::totalMillis);
    }

    /** Median process CPU time of the fresh JVMs over the same span (-1 without them). */
    public long recoveryCpuMillis() {
      return colds.isEmpty() ? -1 : median(ColdResult::totalCpuMillis);
    }

    private long median(java.util.function.ToLongFunction<ColdResult> f) {
      return colds.stream().mapToLong(f).sorted().skip((colds.size() - 1) / 2).findFirst()
          .orElseThrow();
    }

    public long recoveryMaxMillis() {
      return colds.stream().mapToLong(ColdResult::totalMillis).max().orElse(inProcessMillis);
    }

    public String line() {
      return String.format(Locale.ROOT, "recovery contacts=%d history_days=%d events=%d"
          + " cold_runs=%d recovery_ms=%d recovery_max_ms=%d recovery_cpu_ms=%d journal_start_ms=%d"
          + " recovery_in_process_ms=%d recovery_warm_ms=%d ageing_1h_ms=%d"
          + " recovery_after_%dd_down_ms=%d ageing_%dd_ms=%d survivors_after_%dd=%d"
          + " load_avg=%.1f cpus=%d", contacts,
          days, events, colds.size(), recoveryMillis(), recoveryMaxMillis(), recoveryCpuMillis(),
          journalStartMillis,
          inProcessMillis, warmRecoveryMillis, ageingHourMillis, days, recoveryYearMillis, days,
          ageingYearMillis, days, survivorsAfterYear,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static final Duration ASK = Duration.ofSeconds(60);

  private static final class SkipWrite extends Exception {
    SkipWrite() {
      super(null, null, false, false);
    }
  }

  public static Result run(Config base, Path dataDir, int contacts, long days, Duration step,
      Consumer<String> progress) throws Exception {
    return run(base, dataDir, contacts, days, step, false, 0, Optional.empty(), false, progress);
  }

  /**
   * @param recoverOnly measure a journal written by an earlier run (figures of the history: 0)
   * @param coldRuns fresh JVMs ({@code bench recovery-cold}) measuring the cold recovery, each on
   *     a copy of the journal
   * @param configFile the {@code --config} file the fresh JVMs get
   * @param sequential the fresh JVMs open H2 after the actor system (the old order)
   */
  public static Result run(Config base, Path dataDir, int contacts, long days, Duration step,
      boolean recoverOnly, int coldRuns, Optional<Path> configFile, boolean sequential,
      Consumer<String> progress) throws Exception {
    Config config = JournalConfig.forDataDir(base, dataDir)
        .withFallback(base);
    SplittableRandom rnd = new SplittableRandom(2024);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant end = start.plus(Duration.ofDays(days));
    long events = 0;
    long writeStart = System.nanoTime();
    Set<Integer> hashes = new HashSet<>();
    ActorSystem<Void> writer = recoverOnly ? null
        : ActorSystem.create(Behaviors.empty(), "bench-recovery-write", config);
    try {
      if (recoverOnly) {
        throw new SkipWrite();
      }
      SchemaBootstrap.ensureSchema(config);
      ActorRef<RoutingBuckets.Command> b = NodeStore.get(writer).buckets();
      List<KadId> table = new ArrayList<>(contacts);
      List<CompletableFuture<Done>> batch = new ArrayList<>();
      for (int i = 0; i < contacts; i++) {
        StoredContact c = contact(rnd, hashes, start, true);
        table.add(c.id());
        add(batch, ask(writer, b, r -> new RoutingBuckets.AddContact(c, r)));
        events++;
      }
      await(batch);
      long steps = Duration.ofDays(days).toNanos() / step.toNanos();
      int churn = Math.max(1, contacts / 20);
      for (long s = 1; s <= steps; s++) {
        Instant at = start.plus(step.multipliedBy(s));
        for (KadId id : table) {
          int type = rnd.nextInt(3);
          add(batch, ask(writer, b, r -> new RoutingBuckets.RecordSeen(id, at, type,
              Optional.of(at.plus(Duration.ofHours(1))), r)));
          events++;
        }
        for (int k = 0; k < churn; k++) {
          int victim = rnd.nextInt(table.size());
          KadId gone = table.get(victim);
          add(batch, ask(writer, b, r -> new RoutingBuckets.EvictContact(gone,
              EvictionReason.DEAD, at, r)));
          StoredContact fresh = contact(rnd, hashes, at, rnd.nextBoolean());
          table.set(victim, fresh.id());
          add(batch, ask(writer, b, r -> new RoutingBuckets.AddContact(fresh, r)));
          StoredContact cand = contact(rnd, hashes, at, false);
          add(batch, ask(writer, b, r -> new RoutingBuckets.CacheCandidate(cand, r)));
          events += 3;
        }
        add(batch, ask(writer, b, r -> new RoutingBuckets.Checkpoint(at, r)));
        events++;
        if (s % Math.max(1, steps / 10) == 0) {
          progress.accept(String.format(Locale.ROOT, "history: %d of %d days, %d commands",
              Duration.between(start, at).toDays(), days, events));
        }
      }
      await(batch);
    } catch (SkipWrite skip) {
      // an earlier run wrote the history
    } finally {
      if (writer != null) {
        terminate(writer);
      }
    }
    long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;

    // the honest cold figure: fresh JVMs, each on its own copy of the journal as written
    List<ColdResult> colds = new ArrayList<>();
    for (int i = 1; i <= coldRuns; i++) {
      Path copy = dataDir.resolve("cold-" + i);
      copyJournal(dataDir, copy);
      ColdResult c = spawnCold(copy, configFile, end.plus(Duration.ofHours(1)), sequential);
      progress.accept(c.line());
      colds.add(c);
      deleteTree(copy);
    }

    // a fresh system: recovery (cold JVM: first use of the journal and CBOR code), then again in
    // another fresh system (warm JVM), then with 1 hour of downtime applied
    // in this JVM, on a copy (the journal in dataDir stays as written: --recover-only repeats)
    Path inProcess = dataDir.resolve("in-process");
    copyJournal(dataDir, inProcess);
    Config copyConfig = JournalConfig.forDataDir(base, inProcess).withFallback(base);
    long[] cold = recover(copyConfig, Optional.empty());
    long[] warm = recover(copyConfig, Optional.empty());
    long[] r1 = recover(copyConfig, end.plus(Duration.ofHours(1)));
    // once more: the same journal after a downtime as long as the whole history
    long[] r2 = recover(copyConfig, end.plus(Duration.ofHours(1)).plus(Duration.ofDays(days)));
    deleteTree(inProcess);
    int candidates = (int) r1[3];
    return new Result(contacts, candidates, days, events, writeMillis, cold[4], cold[0], warm[0],
        r1[1], r2[0], r2[1], (int) r2[2], colds);
  }

  /** {recovery ms, ageing ms, contacts after, candidates}. */
  private static long[] recover(Config config, Instant now) throws Exception {
    return recover(config, Optional.of(now));
  }

  private static long[] recover(Config config, Optional<Instant> ageAt) throws Exception {
    ActorSystem<Void> reader = ActorSystem.create(Behaviors.empty(), "bench-recovery-read", config);
    try {
      SchemaBootstrap.ensureSchema(config);
      // start the journal plugin and its pool with the small identity entity first, so the
      // figure is the buckets' recovery, not the plugin's start-up
      long tw = System.nanoTime();
      io.pekkomule.persistence.identity.IdentityStore.find(reader).toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      long journalStart = (System.nanoTime() - tw) / 1_000_000;
      ActorRef<RoutingBuckets.Command> b = NodeStore.get(reader).buckets();
      long t0 = System.nanoTime();
      RecoveryReport before = AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(b,
          RoutingBuckets.GetContacts::new, ASK, reader.scheduler())
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
      long t1 = System.nanoTime();
      RecoveryReport after = ageAt.isEmpty() ? before
          : AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(b,
              r -> new RoutingBuckets.ApplyDowntime(ageAt.get(), r), ASK, reader.scheduler())
              .toCompletableFuture().get(120, TimeUnit.SECONDS);
      long t2 = System.nanoTime();
      return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, after.contacts().size(),
          before.candidates().size(), journalStart};
    } finally {
      terminate(reader);
    }
  }

  /** The figures of one cold recovery (a fresh JVM, {@code bench recovery-cold}). */
  public record ColdResult(long jvmStartMillis, long configMillis, long h2OpenMillis,
      long actorSystemMillis, long pluginInitMillis, long snapshotLoadMillis, long replayMillis,
      long applyMillis, long eventsReplayed, long sequenceNr, int contacts, long totalMillis,
      long afterSystemMillis, long totalCpuMillis, long afterSystemCpuMillis, long ageingMillis) {
    public String line() {
      return String.format(Locale.ROOT, "recovery_cold jvm_start_ms=%d config_ms=%d h2_open_ms=%d"
          + " actor_system_ms=%d plugin_init_ms=%d snapshot_load_ms=%d replay_ms=%d apply_ms=%d"
          + " events_replayed=%d sequence_nr=%d contacts=%d total_ms=%d after_system_ms=%d total_cpu_ms=%d"
          + " after_system_cpu_ms=%d ageing_1h_ms=%d", jvmStartMillis, configMillis, h2OpenMillis,
          actorSystemMillis, pluginInitMillis, snapshotLoadMillis, replayMillis, applyMillis,
          eventsReplayed, sequenceNr, contacts, totalMillis, afterSystemMillis, totalCpuMillis,
          afterSystemCpuMillis,
          ageingMillis);
    }

    /** Parses {@link #line()}. */
    public static ColdResult parse(String line) {
      java.util.Map<String, Long> v = new java.util.HashMap<>();
      for (String part : line.trim().split(" ")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          v.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
      }
      return new ColdResult(v.get("jvm_start_ms"), v.get("config_ms"), v.get("h2_open_ms"),
          v.get("actor_system_ms"), v.get("plugin_init_ms"), v.get("snapshot_load_ms"),
          v.get("replay_ms"), v.get("apply_ms"), v.get("events_replayed"), v.get("sequence_nr"),
          v.get("contacts").intValue(), v.get("total_ms"), v.get("after_system_ms"),
          v.get("total_cpu_ms"), v.get("after_system_cpu_ms"), v.get("ageing_1h_ms"));
    }
  }

  /** CPU time of the whole process (all threads: ours, JIT compilers, GC), in ns. */
  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  private static long ms(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  /**
   * One cold recovery of the routing buckets in THIS JVM (meant to be its first): from "open the
   * data directory" (the configuration) until the routing state is recovered, in the node's
   * order, then the downtime ageing at {@code ageAt}. The JVM's own start (JVM start to this
   * call, including the command line) is listed apart.
   *
   * @param sequential the order before this change: H2 opened after the actor system's start,
   *     the buckets entity started after the identity entity had recovered
   */
  public static ColdResult cold(Config base, Path dataDir, Optional<Instant> ageAt,
      boolean sequential) throws Exception {
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    long jvm = Math.max(0, System.currentTimeMillis()
        - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    Config config = JournalConfig.forDataDir(base, dataDir).withFallback(base);
    long tConfig = System.nanoTime();
    long[] h2 = new long[2];
    ActorSystem<Void> system;
    if (sequential) {
      system = ActorSystem.create(Behaviors.empty(), "bench-recovery-cold", config);
      h2[0] = System.nanoTime();
      SchemaBootstrap.ensureSchema(config);
      h2[1] = System.nanoTime();
    } else {
      CompletableFuture<Void> schema = CompletableFuture.runAsync(() -> {
        h2[0] = System.nanoTime();
        try {
          SchemaBootstrap.ensureSchema(config);
        } catch (java.sql.SQLException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
        h2[1] = System.nanoTime();
      });
      system = ActorSystem.create(Behaviors.empty(), "bench-recovery-cold", config);
      schema.get(120, TimeUnit.SECONDS);
    }
    long tSystemUp = System.nanoTime();
    long cpuSystemUp = processCpuNanos();
    try {
      // as the node does: the identity and the buckets entity start together (one journal
      // plugin start, overlapping recoveries)
      long tp = System.nanoTime();
      long[] tIdentity = new long[1];
      CompletableFuture<?> identity = io.pekkomule.persistence.identity.IdentityStore.find(system)
          .toCompletableFuture().whenComplete((i, e) -> tIdentity[0] = System.nanoTime());
      io.pekkomule.persistence.buckets.RecoveryTimings timings =
          new io.pekkomule.persistence.buckets.RecoveryTimings();
      ActorRef<RoutingBuckets.Command> b = sequential ? null : NodeStore.get(system).buckets(timings);
      identity.get(120, TimeUnit.SECONDS);
      if (b == null) {
        b = NodeStore.get(system).buckets(timings);
      }
      long tPlugin = tIdentity[0];
      RecoveryReport report = AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(b,
          RoutingBuckets.GetContacts::new, ASK, system.scheduler())
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
      long tRecovered = System.nanoTime();
      long cpuRecovered = processCpuNanos();
      timings.completed().get(1, TimeUnit.SECONDS);
      long ageing = 0;
      if (ageAt.isPresent()) {
        long ta = System.nanoTime();
        AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(b,
            r -> new RoutingBuckets.ApplyDowntime(ageAt.get(), r), ASK, system.scheduler())
            .toCompletableFuture().get(120, TimeUnit.SECONDS);
        ageing = ms(ta, System.nanoTime());
      }
      long systemMs = sequential ? ms(tConfig, h2[0]) : ms(tConfig, tSystemUp);
      return new ColdResult(jvm, ms(t0, tConfig), ms(h2[0], h2[1]), systemMs, ms(tp, tPlugin),
          ms(timings.startNanos(), timings.snapshotNanos()),
          ms(timings.snapshotNanos(), timings.completedNanos()),
          timings.applyNanos() / 1_000_000, timings.events(), timings.lastSequenceNr(),
          report.contacts().size(),
          ms(t0, tRecovered), ms(tSystemUp, tRecovered), ms(cpu0, cpuRecovered),
          ms(cpuSystemUp, cpuRecovered), ageing);
    } finally {
      terminate(system);
    }
  }

  /** Copies {@code from/journal} to {@code to/journal} (the node is not running). */
  static void copyJournal(Path from, Path to) throws java.io.IOException {
    deleteTree(to);
    Path src = from.resolve("journal");
    Path dst = to.resolve("journal");
    java.nio.file.Files.createDirectories(dst);
    try (var files = java.nio.file.Files.list(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        java.nio.file.Files.copy(f, dst.resolve(f.getFileName()));
      }
    }
  }

  static void deleteTree(Path p) throws java.io.IOException {
    if (!java.nio.file.Files.exists(p)) {
      return;
    }
    try (var walk = java.nio.file.Files.walk(p)) {
      for (Path f : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        java.nio.file.Files.delete(f);
      }
    }
  }

  /**
   * Runs {@code bench recovery-cold} in a fresh JVM (same java, class path and -X/-XX options
   * as this one) and parses its figure line.
   */
  static ColdResult spawnCold(Path dataDir, Optional<Path> configFile, Instant ageAt,
      boolean sequential) throws Exception {
    String javaBin = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin);
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-X") && !a.startsWith("-Xrun") && !a.startsWith("-Xdebug")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.pekkomule.node.Main");
    cmd.add("bench");
    cmd.add("recovery-cold");
    configFile.ifPresent(f -> {
      cmd.add("--config");
      cmd.add(f.toString());
    });
    cmd.add("--data");
    cmd.add(dataDir.toString());
    cmd.add("--age-at");
    cmd.add(ageAt.toString());
    if (sequential) {
      cmd.add("--sequential");
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("bench recovery-cold did not finish");
    }
    for (String line : out.split("\n")) {
      if (line.startsWith("recovery_cold ")) {
        return ColdResult.parse(line);
      }
    }
    throw new IllegalStateException("bench recovery-cold exited " + p.exitValue()
        + " without a figure line: " + out);
  }

  private static StoredContact contact(SplittableRandom rnd, Set<Integer> hashes, Instant at,
      boolean verified) {
    KadId id;
    do {
      id = KadId.random(rnd);
    } while (id.isZero());
    byte[] d = new byte[I2pDestination.BYTES];
    int hash;
    do {
      rnd.nextBytes(d);
      hash = (d[0] & 0xFF) | (d[1] & 0xFF) << 8 | (d[2] & 0xFF) << 16 | (d[3] & 0xFF) << 24;
    } while (hash == 0 || !hashes.add(hash));
    d[384] = 0;
    d[385] = 0;
    d[386] = 0;
    return new StoredContact(id, I2pDestination.of(d), 8, rnd.nextLong(1L << 32), 7, verified,
        rnd.nextInt(4), at, Optional.empty(), at, false);
  }

  /** Commands in flight at most: the entity stashes while it persists (stash capacity 1000). */
  private static final int IN_FLIGHT = 400;

  private static CompletableFuture<Done> ask(ActorSystem<?> s, ActorRef<RoutingBuckets.Command> b,
      java.util.function.Function<ActorRef<Done>, RoutingBuckets.Command> f) {
    return AskPattern.ask(b, f::apply, ASK, s.scheduler()).toCompletableFuture();
  }

  private static void add(List<CompletableFuture<Done>> batch, CompletableFuture<Done> f)
      throws Exception {
    batch.add(f);
    if (batch.size() >= IN_FLIGHT) {
      await(batch);
    }
  }

  private static void await(List<CompletableFuture<Done>> batch) throws Exception {
    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    batch.clear();
  }

  private static void terminate(ActorSystem<?> s) throws Exception {
    s.terminate();
    s.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
