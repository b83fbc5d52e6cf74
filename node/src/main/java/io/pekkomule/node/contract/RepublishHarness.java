package io.pekkomule.node.contract;

import io.pekkomule.node.kad.search.RepublishScheduler;
import io.pekkomule.node.kad.search.RepublishScheduler.Job;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * H6 for republishing (contract-harness.md): a node sharing {@code files} files is driven through
 * the {@link RepublishScheduler} for {@code days} of virtual time, stepping about every 2 s
 * (jittered, one job per kind per step, as the publisher shell does) with publish lookups that
 * take 15–90 s. Per publication (one source, keyword or notes item), the intervals between its
 * publish starts must not repeat (modal exact-interval share ≤ 1 % where it has ≥ 100 intervals)
 * and vary: the coefficient of variation of the intervals, each divided by its item's mean and
 * pooled per kind, is ≥ 0.1; the node's whole publish series (what any observer of the node sees) must
 * show no spectral line (60 s bins, Bonferroni at 0.001). The fixed-period scheduler is the
 * negative control. A seed fails on any violation; the harness fails at 2 of 10 seeds.
 */
public final class RepublishHarness {
  static final double MIN_CV = 0.1;
  static final double LINE_ALPHA = 0.001;

  private final int seeds;
  private final int files;
  private final int days;

  public RepublishHarness(int seeds, int files, int days) {
    this.seeds = seeds;
    this.files = files;
    this.days = days;
  }

  public HarnessResult h6Republish() {
    return run(false);
  }

  /** The negative control: every republish exactly at the window's upper end. */
  public HarnessResult h6FixedControl() {
    return run(true);
  }

  private record Pending(long at, Job job) {}

  HarnessResult run(boolean fixed) {
    int failSeeds = 0;
    double minCv = Double.MAX_VALUE;
    double maxModal = 0;
    double worstLine = 0;
    double worstPeriod = 0;
    double threshold = 0;
    long publishes = 0;
    for (int s = 0; s < seeds; s++) {
      SplittableRandom r = new SplittableRandom(0x0E9B_0000L + 7919L * s);
      RepublishScheduler.Config config = RepublishScheduler.Config.DEFAULT;
      RepublishScheduler sched = new RepublishScheduler(
          fixed ? fixedConfig(config) : config, r.split());
      SplittableRandom work = r.split();
      for (int i = 0; i < files; i++) {
        String name = "w" + (i % 17) + "xx file" + i + " part" + (i % 5) + ".avi";
        SharedFile f = SharedFile.complete(new KadId(r.nextLong(), r.nextLong()), name, 1000 + i);
        sched.share(i % 4 == 0 ? f.withNotes(3, "ok") : f, 0);
      }
      long horizon = Duration.ofDays(days).toMillis();
      Map<String, List<Double>> starts = new HashMap<>();
      List<Double> all = new ArrayList<>();
      PriorityQueue<Pending> running = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
      long now = 0;
      while (now < horizon) {
        while (!running.isEmpty() && running.peek().at <= now) {
          Pending p = running.poll();
          sched.completed(p.job, true, 0, p.at);
        }
        for (JobKind k : JobKind.values()) {
          Optional<Job> j = sched.next(k, now);
          if (j.isPresent()) {
            starts.computeIfAbsent(k + "/" + j.get().target(), x -> new ArrayList<>())
                .add(now / 1000.0);
            all.add(now / 1000.0);
            running.add(new Pending(now + 15_000 + work.nextLong(75_000), j.get()));
          }
        }
        now += 1600 + work.nextLong(800);
      }
      publishes += all.size();
      boolean fail = false;
      Map<String, List<Double>> pooled = new HashMap<>();
      for (Map.Entry<String, List<Double>> e : starts.entrySet()) {
        List<Double> t = e.getValue();
        if (t.size() < 4) {
          continue;
        }
        double[] g = new double[t.size() - 2]; // the first gap is the first-publish window
        for (int i = 2; i < t.size(); i++) {
          g[i - 2] = t.get(i) - t.get(i - 1);
        }
        double mean = Stats.mean(g);
        List<Double> norm = pooled.computeIfAbsent(e.getKey().substring(0, e.getKey().indexOf('/')),
            x -> new ArrayList<>());
        for (double v : g) {
          norm.add(v / mean);
        }
        double modal = ShaperHarnesses.modalShare(g);
        if (g.length >= 100) {
          // a single coincidence of two millisecond intervals is chance, not a period
          maxModal = Math.max(maxModal, modal);
          fail |= modal > Math.max(0.01, 2.0 / g.length);
        }
      }
      for (List<Double> norm : pooled.values()) {
        double[] g = norm.stream().mapToDouble(Double::doubleValue).toArray();
        double cv = Stats.sd(g) / Stats.mean(g);
        minCv = Math.min(minCv, cv);
        fail |= cv < MIN_CV;
      }
      Stats.Line line = Stats.spectralLine(
          all.stream().mapToDouble(Double::doubleValue).toArray(), 60.0, LINE_ALPHA);
      if (line.ratio() > worstLine) {
        worstLine = line.ratio();
        worstPeriod = 1 / line.frequencyHz();
      }
      threshold = line.threshold();
      fail |= line.present();
      if (fail) {
        failSeeds++;
      }
    }
    boolean pass = failSeeds < HarnessResult.failThreshold(seeds);
    return new HarnessResult("H6", "republish", pass, String.format(Locale.ROOT,
        "cv_min=%.3f limit=%.1f modal_interval_share_max=%.4f limit=max(0.01,2/n) line_ratio_max=%.1f "
            + "limit=%.1f at_period=%.0fs publishes=%d fail_seeds=%d/%d",
        minCv, MIN_CV, maxModal, worstLine, threshold, worstPeriod, publishes, failSeeds, seeds));
  }

  private static RepublishScheduler.Config fixedConfig(RepublishScheduler.Config c) {
    return new RepublishScheduler.Config(c.sourceLifetime(), c.keywordLifetime(),
        c.notesLifetime(), c.windowHigh() - 1e-9, c.windowHigh(), c.firstLow(), c.firstHigh(),
        c.retryLow(), c.retryHigh(), c.filesPerKeywordRound(), c.hotLoad(), c.hotBackoff());
  }
}
