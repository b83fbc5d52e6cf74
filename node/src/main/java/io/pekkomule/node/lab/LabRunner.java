package io.pekkomule.node.lab;

import io.pekkomule.node.kad.index.IndexStore;
import java.util.HashSet;
import java.util.Set;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.shaper.ShaperSettings;
import java.util.function.Consumer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs one lab: N production nodes in one ActorSystem on the in-memory network, on virtual time
 * (a {@link LabLoop}: discrete events, one thread, reproducible from the seed) or on real time,
 * and turns what the guardian measured into a {@link LabReport}.
 *
 * <p>Virtual time is a lab-owned discrete-event clock rather than Pekko's ManualTime: ManualTime
 * advances by fixed steps and leaves the actors running on a thread pool, so a step cannot know
 * when the system is idle; the loop runs every mailbox on its own thread and moves the clock to
 * the next timer only when nothing is runnable, which is exact and as fast as the work allows.
 */
public final class LabRunner {
  private LabRunner() {}

  private static int runs;

  private static final String QUIET = "pekko.loglevel = WARNING\n"
      + "pekko.log-dead-letters = off\n"
      + "pekko.log-dead-letters-during-shutdown = off\n"
      // the lab terminates its own systems; a JVM hook could not drive virtual time
      + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
      + "pekko.coordinated-shutdown.terminate-actor-system = on\n";

  /**
   * Termination involves Pekko's own threads (the logger, internal dispatchers): keep running
   * the loop, yielding real time to them, until the system is gone (at most 30 s).
   */
  private static void awaitTermination(LabLoop loop, ActorSystem<?> system) {
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!terminated.isDone() && System.nanoTime() < deadline) {
      loop.runUntil(terminated::isDone, loop.scheduler().nanos() + 1_000_000_000L);
      if (!terminated.isDone()) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * @param rootConfig the application config (for the shaper settings); cover traffic is turned
   *     off in the lab, every other shaper setting applies as configured
   */
  public static LabReport run(LabParams params, Config rootConfig, Consumer<String> progress) {
    return run(params, rootConfig, progress, null);
  }

  /**
   * Runs a lab that reports to {@code watch} (for the management API; null for none). With a
   * watch that keeps its nodes, a real-time lab's actor system stays up after the figures: stop it
   * with {@link LabWatch#close()}.
   */
  public static LabReport run(LabParams params, Config rootConfig, Consumer<String> progress,
      LabWatch watch) {
    ShaperSettings shaper = ShaperSettings.fromConfig(rootConfig).withCover(0);
    LabLedger ledger = new LabLedger();
    CompletableFuture<LabLedger> done = new CompletableFuture<>();
    long wallStart = System.nanoTime();
    String name = "lab-" + (++runs) + "-" + System.nanoTime();
    if (params.virtual()) {
      LabLoop loop = LabLoop.create(name);
      Config config = ConfigFactory.parseString(loop.config() + QUIET).withFallback(rootConfig);
      ActorSystem<Void> system = null;
      try {
        system = ActorSystem.create(org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx -> {
          LabScheduler s = loop.scheduler();
          LabNetwork network = new LabNetwork(ctx.getSystem().classicSystem().scheduler(),
              ctx.getExecutionContext(), params.latency(), params.loss(), params.seed() * 31 + 7);
          ctx.spawn(LabGuardian.create(params, network, shaper, s, s::nanos, ledger, progress,
              done, watch), "lab");
          return org.apache.pekko.actor.typed.javadsl.Behaviors.empty();
        }), name, config);
        long limit = params.duration().plusMinutes(5).toNanos();
        loop.runUntil(() -> done.isDone() || stopRequested(watch), limit);
        if (!done.isDone() && stopRequested(watch)) {
          throw new java.util.concurrent.CancellationException("the lab was stopped before its end");
        }
        if (!done.isDone()) {
          throw new IllegalStateException("lab did not finish by " + params.duration());
        }
        if (watch != null) {
          watch.stopped();
        }
        system.terminate();
        awaitTermination(loop, system);
      } finally {
        if (watch != null) {
          watch.stopped();
        }
        if (system != null) {
          system.terminate();
        }
        loop.close();
      }
    } else {
      Config config = ConfigFactory.parseString(QUIET).withFallback(rootConfig);
      InstantSource clock = InstantSource.system();
      LongSupplier nanos = System::nanoTime;
      ActorSystem<Void> system = ActorSystem.create(
          org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx -> {
            LabNetwork network = new LabNetwork(ctx.getSystem().classicSystem().scheduler(),
                ctx.getExecutionContext(), params.latency(), params.loss(), params.seed() * 31 + 7);
            long t0 = nanos.getAsLong();
            ctx.spawn(LabGuardian.create(params, network, shaper, clock,
                () -> nanos.getAsLong() - t0, ledger, progress, done, watch), "lab");
            return org.apache.pekko.actor.typed.javadsl.Behaviors.empty();
          }), name, config);
      boolean keep = false;
      try {
        CompletableFuture<?> end = watch == null ? done
            : CompletableFuture.anyOf(done, watch.stopRequested());
        end.get(params.duration().plusMinutes(5).toMillis(), TimeUnit.MILLISECONDS);
        if (!done.isDone()) {
          throw new java.util.concurrent.CancellationException("the lab was stopped before its end");
        }
        keep = watch != null && watch.keepNodes() && !stopRequested(watch);
      } catch (java.util.concurrent.CancellationException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("lab did not finish", e);
      } finally {
        if (keep) {
          watch.keep(system);
        } else {
          if (watch != null) {
            watch.stopped();
          }
          system.terminate();
          system.getWhenTerminated().toCompletableFuture().join();
        }
      }
      LabReport r = report(params, ledger, (System.nanoTime() - wallStart) / 1e9);
      if (watch != null) {
        watch.finished(r, keep);
      }
      return r;
    }
    LabReport r = report(params, ledger, (System.nanoTime() - wallStart) / 1e9);
    if (watch != null) {
      watch.finished(r, false);
    }
    return r;
  }

  private static boolean stopRequested(LabWatch watch) {
    return watch != null && watch.stopRequested().isDone();
  }

  static LabReport report(LabParams p, LabLedger l, double wallSeconds) {
    List<LabLedger.Sample> s = l.samples();
    Stats oursNode = Stats.of(s, x -> x.ours() && x.type() == LookupType.NODE);
    Stats oursComplete = Stats.of(s, x -> x.ours() && x.type() == LookupType.NODECOMPLETE);
    Stats imuleNode = Stats.of(s, x -> !x.ours() && x.type() == LookupType.NODE);
    Stats imuleComplete = Stats.of(s, x -> !x.ours() && x.type() == LookupType.NODECOMPLETE);
    double hours = l.simulatedNanos / 3.6e12;
    LabReport.Builder b = new LabReport.Builder()
        .put("nodes", p.nodes())
        .put("lookup_success", oursNode.success)
        .put("nodecomplete_9of10", oursComplete.success)
        .put("steps_p50", oursNode.stepsP50)
        .put("latency_p50_s", oursNode.latencyP50)
        .put("know_all_k", l.judgedNodes == 0 ? Double.NaN : (double) l.knowAllK / l.judgedNodes)
        .put("heap_per_node_kb", l.nodesAtWarm == 0 ? Double.NaN
            : (l.heapWarmBytes - l.heapBaselineBytes) / 1024.0 / l.nodesAtWarm)
        .put("vs_imule_latency_ratio", oursNode.latencyP50 / imuleNode.latencyP50)
        .put("imule_lookup_success", imuleNode.success)
        .put("imule_nodecomplete_9of10", imuleComplete.success)
        .put("imule_steps_p50", imuleNode.stepsP50)
        .put("imule_latency_p50_s", imuleNode.latencyP50)
        .put("steps_p90", oursNode.stepsP90)
        .put("latency_p90_s", oursNode.latencyP90)
        .put("nodecomplete_steps_p50", oursComplete.stepsP50)
        .put("nodecomplete_latency_p50_s", oursComplete.latencyP50)
        .put("imule_nodecomplete_latency_p50_s", imuleComplete.latencyP50)
        .put("vs_imule_nodecomplete_latency_ratio",
            oursComplete.latencyP50 / imuleComplete.latencyP50)
        .put("publish_reach_p50", reachQuantile(l, 0.5))
        .put("publish_reach_p5", reachQuantile(l, 0.05))
        .put("search_success", searchSuccess(l, -1))
        .put("replica_overlap", overlap(l, -1))
        .put("keyword_reach_p50", reachQuantile(l, 0.5, IndexStore.Kind.KEYWORD))
        .put("source_reach_p50", reachQuantile(l, 0.5, IndexStore.Kind.SOURCE))
        .put("notes_reach_p50", reachQuantile(l, 0.5, IndexStore.Kind.NOTES))
        .put("keyword_search_success", searchSuccess(l, IndexStore.Kind.KEYWORD.ordinal()))
        .put("source_search_success", searchSuccess(l, IndexStore.Kind.SOURCE.ordinal()))
        .put("notes_search_success", searchSuccess(l, IndexStore.Kind.NOTES.ordinal()))
        .put("publishes", l.reach().stream().filter(r -> r[0] == IndexStore.Kind.SOURCE.ordinal())
            .count())
        .put("searches", l.searches().size())
        .put("stale_share", l.tableEntries == 0 ? Double.NaN
            : (double) l.staleEntries / l.tableEntries)
        .put("msgs_per_node_hour", l.nodeHours == 0 ? Double.NaN : l.sentDatagrams / l.nodeHours)
        .put("dgram_le_1k_share", l.datagramSizes == null ? Double.NaN
            : l.datagramSizes.shareAtMost1k())
        .put("dgram_repliable_le_1k_share", l.datagramSizes == null ? Double.NaN
            : l.datagramSizes.shareRepliableAtMost1k())
        .put("dgram_mean_bytes", l.datagramSizes == null ? Double.NaN
            : l.datagramSizes.meanBytes())
        .put("dgram_max_bytes", l.datagramSizes == null ? 0 : l.datagramSizes.maxBytes())
        .put("dgram_steady_le_1k_share", l.steadyDatagramSizes == null ? Double.NaN
            : l.steadyDatagramSizes.shareAtMost1k())
        .put("dgram_steady_repliable_le_1k_share", l.steadyDatagramSizes == null ? Double.NaN
            : l.steadyDatagramSizes.shareRepliableAtMost1k())
        .put("dgram_steady_mean_bytes", l.steadyDatagramSizes == null ? Double.NaN
            : l.steadyDatagramSizes.meanBytes())
        .put("lookups", s.size())
        .put("lookups_lost", l.lookupsLost)
        .put("churned", l.churned)
        .put("churn", p.churn())
        .put("virtual", p.virtual())
        .put("seed", p.seed())
        .put("sim_min", hours * 60)
        .put("wall_s", wallSeconds);
    if (l.reqRanks != null) {
      reqRanks(b, l.reqRanks);
      b.dataReqs(l.reqRanks);
    }
    if (l.participation != null) {
      h8(b, l.participation, p);
      b.participation(l.participation);
    }
    return b.build();
  }

  /**
   * Where the data REQs went: the receiver's rank to the key (0 = closest live node), median and
   * 90th percentile, per count (4 = store, 2 = search); the exploration harness's raw material.
   */
  private static void reqRanks(LabReport.Builder b, List<ReqRankRecorder.Req> reqs) {
    for (int count : new int[] {4, 2}) {
      String kind = count == 4 ? "store" : "search";
      double[] r = reqs.stream().filter(q -> q.count() == count)
          .mapToDouble(ReqRankRecorder.Req::rank).sorted().toArray();
      b.put(kind + "_reqs", r.length);
      b.put(kind + "_req_rank_p50", r.length == 0 ? Double.NaN : r[r.length / 2]);
      b.put(kind + "_req_rank_p90", r.length == 0 ? Double.NaN : r[(int) (r.length * 0.9)]);
    }
  }

  /** Harness H8's figures over the run's windows, appended to the summary line. */
  private static void h8(LabReport.Builder b, List<ParticipationRecorder.Sample> s, LabParams p) {
    // diagnostics: -Dpekko-mule.lab.h8-dump=FILE writes every window's features as CSV
    String dump = System.getProperty("pekko-mule.lab.h8-dump");
    if (dump != null) {
      StringBuilder csv = new StringBuilder("client,node,window,"
          + String.join(",", ParticipationRecorder.FEATURES) + ",origin_"
          + String.join(",origin_", java.util.Arrays.stream(io.pekkomule.node.shaper.Origin.values())
              .map(io.pekkomule.node.shaper.Origin::key).toList()) + "\n");
      for (ParticipationRecorder.Sample x : s) {
        csv.append(x.client() ? 1 : 0).append(',').append(x.node()).append(',')
            .append(x.window());
        for (double f : x.features()) {
          csv.append(',').append(f);
        }
        for (long o : x.origins()) {
          csv.append(',').append(o);
        }
        csv.append('\n');
      }
      try {
        java.nio.file.Files.writeString(java.nio.file.Path.of(dump + (p.participation().cover()
            ? "-on.csv" : "-off.csv")), csv);
      } catch (java.io.IOException e) {
        System.err.println("h8 dump: " + e);
      }
    }
    io.pekkomule.node.contract.ParticipationClassifier.Result r =
        io.pekkomule.node.contract.ParticipationHarness.evaluate(s, p.seed());
    double hoursPerWindow = p.participation().window().toNanos() / 3.6e12;
    double[] dg = new double[2];
    int[] n = new int[2];
    for (ParticipationRecorder.Sample x : s) {
      int i = x.client() ? 0 : 1;
      dg[i] += x.datagrams();
      n[i]++;
    }
    b.put("h8_accuracy", r.accuracy())
        .put("h8_chance", r.chance())
        .put("h8_logistic", r.logistic())
        .put("h8_stump", r.stump())
        .put("h8_stump_feature", r.stumpFeature())
        .put("h8_windows", r.samples())
        .put("h8_nodes", r.nodes())
        .put("h8_cover", p.participation().cover())
        .put("h8_client_dgrams_per_h", n[0] == 0 ? Double.NaN : dg[0] / n[0] / hoursPerWindow)
        .put("h8_router_dgrams_per_h", n[1] == 0 ? Double.NaN : dg[1] / n[1] / hoursPerWindow);
  }

  /**
   * Publish reach (of the 10 live nodes closest to a key, how many hold the entry) as a share,
   * over the acknowledged publishes (sources and keywords) or one kind.
   */
  static double reachQuantile(LabLedger l, double q, IndexStore.Kind... kinds) {
    Set<Integer> want = new HashSet<>();
    for (IndexStore.Kind k : kinds.length == 0
        ? new IndexStore.Kind[] {IndexStore.Kind.KEYWORD, IndexStore.Kind.SOURCE} : kinds) {
      want.add(k.ordinal());
    }
    double[] v = l.reach().stream().filter(r -> want.contains(r[0])).mapToDouble(r -> r[1] / 10.0)
        .sorted().toArray();
    return quantile(v, q);
  }

  /** Share of searches that returned the searched entry (all kinds when {@code kind} is -1). */
  static double searchSuccess(LabLedger l, int kind) {
    List<int[]> s = l.searches().stream().filter(x -> kind < 0 || x[0] == kind).toList();
    return s.isEmpty() ? Double.NaN : s.stream().mapToInt(x -> x[1]).sum() / (double) s.size();
  }

  /**
   * Store/search replica overlap: of the nodes a search's data requests were answered by (the
   * searcher excepted), the share that hold the searched entry; mean over keyword and source
   * searches (all kinds when {@code kind} is -1 is the same set: notes are not acknowledged, so
   * their searches are left out).
   */
  static double overlap(LabLedger l, int kind) {
    double[] v = l.overlap().stream()
        .filter(x -> x[0] != IndexStore.Kind.NOTES.ordinal() && (kind < 0 || x[0] == kind))
        .mapToDouble(x -> x[1]).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private record Stats(double success, double stepsP50, double stepsP90, double latencyP50,
      double latencyP90) {
    static Stats of(List<LabLedger.Sample> all, Predicate<LabLedger.Sample> which) {
      List<LabLedger.Sample> s = all.stream().filter(which).toList();
      if (s.isEmpty()) {
        return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      double ok = s.stream().filter(LabLedger.Sample::success).count() / (double) s.size();
      double[] steps = s.stream().mapToDouble(LabLedger.Sample::steps).sorted().toArray();
      double[] secs = s.stream().mapToDouble(LabLedger.Sample::seconds).sorted().toArray();
      return new Stats(ok, quantile(steps, 0.5), quantile(steps, 0.9), quantile(secs, 0.5),
          quantile(secs, 0.9));
    }
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Parses {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m} or ISO-8601 ({@code PT30M}). */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("pt") || t.startsWith("p")) {
      return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hms])").matcher(t);
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("bad duration: " + text);
      }
      long v = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(v);
        case "m" -> Duration.ofMinutes(v);
        default -> Duration.ofSeconds(v);
      });
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw new IllegalArgumentException("bad duration: " + text);
    }
    return d;
  }
}
