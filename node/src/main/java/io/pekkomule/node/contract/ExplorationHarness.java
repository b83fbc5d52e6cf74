package io.pekkomule.node.contract;

import com.typesafe.config.Config;
import io.pekkomule.node.lab.LabParams;
import io.pekkomule.node.lab.LabReport;
import io.pekkomule.node.lab.LabRunner;
import io.pekkomule.node.lab.ReqRankRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Harness H10, lookup shape (docs/contract.md): do our searches and publishes send their requests
 * to the same kind of nodes as iMule's? Two virtual-time labs of the same seed — the same ids,
 * joins, network and publish/search workload — one with our data lookups (α, exploration), one
 * with iMule's serial search ({@link LabParams#withImuleDataLookups}). For every KADEMLIA2_REQ with
 * a store (4) or search (2) count after the warm-up the lab records the receiver's rank to the key
 * among the live nodes ({@link ReqRankRecorder}); that is what colluding receivers can measure of
 * a sender. The verdict is a two-sample KS per count between ours and iMule's, on all the run's
 * requests: it passes when p > 0.01 for both counts.
 *
 * <p>The pooled sample is far larger than what receivers learn about one sender (a store lookup
 * sends ~30 requests), so a pass is strong; the line also prints {@code reqs_to_tell}, the number
 * of one sender's requests a receiver set would need for a KS at the 0.01 level to separate it
 * from iMule's distribution at the measured distance ((1.63 / D)²), and both labs' publish reach,
 * search success and replica overlap: what the lookups achieve, ours against iMule's.
 */
public final class ExplorationHarness {
  private ExplorationHarness() {}

  /** Ranks of this far or more (of the lab's live nodes) count as "far" in the figures. */
  static final int FAR_RANK = 100;

  /** What the lookups achieve, printed for both labs (the lab line's names). */
  static final String[] OUTCOME = {"publish_reach_p50", "publish_reach_p5", "search_success",
      "replica_overlap"};

  /** One comparison and the figures behind it. */
  public record Run(int nodes, long seed, Stats.Ks store, Stats.Ks search, double[] oursStore,
      double[] imuleStore, double[] oursSearch, double[] imuleSearch, double wallSeconds,
      double[] outcome) {
    public boolean pass() {
      return store.p() > 0.01 && search.p() > 0.01;
    }

    public HarnessResult verdict() {
      double d = Math.max(store.d(), search.d());
      return new HarnessResult("H10", "lookup-shape", pass(), String.format(Locale.ROOT,
          "ks_store_p=%.3f d_store=%.3f ks_search_p=%.3f d_search=%.3f limit=0.01"
              + " store_rank_p50=%.0f/%.0f store_rank_p90=%.0f/%.0f store_far_share=%.3f/%.3f"
              + " search_rank_p50=%.0f/%.0f search_rank_p90=%.0f/%.0f search_far_share=%.3f/%.3f"
              + " store_reqs=%d/%d search_reqs=%d/%d reqs_to_tell=%.0f"
              + " publish_reach_p50=%.1f/%.1f publish_reach_p5=%.1f/%.1f"
              + " search_success=%.3f/%.3f replica_overlap=%.3f/%.3f nodes=%d seed=%d"
              + " wall_s=%.0f (x/y = ours/iMule's)",
          store.p(), store.d(), search.p(), search.d(),
          Stats.quantile(oursStore, 0.5), Stats.quantile(imuleStore, 0.5),
          Stats.quantile(oursStore, 0.9), Stats.quantile(imuleStore, 0.9),
          farShare(oursStore), farShare(imuleStore),
          Stats.quantile(oursSearch, 0.5), Stats.quantile(imuleSearch, 0.5),
          Stats.quantile(oursSearch, 0.9), Stats.quantile(imuleSearch, 0.9),
          farShare(oursSearch), farShare(imuleSearch),
          oursStore.length, imuleStore.length, oursSearch.length, imuleSearch.length,
          d > 0 ? Math.pow(1.63 / d, 2) : Double.POSITIVE_INFINITY,
          outcome[0], outcome[1], outcome[2], outcome[3], outcome[4], outcome[5], outcome[6],
          outcome[7], nodes, seed, wallSeconds));
    }
  }

  /** The lab both runs use: the CI lab's shape (30 min, 15 min warm-up), 200 pairs at most. */
  public static LabParams params(int nodes, long seed) {
    return LabParams.defaults(nodes).withSeed(seed).withDuration(Duration.ofMinutes(30))
        .withWarmup(Duration.ofMinutes(15)).withPairs(Math.min(200, Math.max(10, nodes / 3)));
  }

  /** Runs both labs and compares. */
  public static Run run(Config root, LabParams p, Consumer<String> progress) {
    long t0 = System.nanoTime();
    LabReport ours = LabRunner.run(p.withImuleDataLookups(false), root, progress);
    LabReport imule = LabRunner.run(p.withImuleDataLookups(true), root, progress);
    double[] outcome = new double[OUTCOME.length * 2];
    for (int i = 0; i < OUTCOME.length; i++) {
      outcome[2 * i] = ours.value(OUTCOME[i]);
      outcome[2 * i + 1] = imule.value(OUTCOME[i]);
    }
    return compare(p.nodes(), p.seed(), ours.dataReqs(), imule.dataReqs(),
        (System.nanoTime() - t0) / 1e9, outcome);
  }

  /** The verdict over two runs' recorded requests. */
  public static Run compare(int nodes, long seed, List<ReqRankRecorder.Req> ours,
      List<ReqRankRecorder.Req> imule, double wallSeconds) {
    double[] none = new double[OUTCOME.length * 2];
    java.util.Arrays.fill(none, Double.NaN);
    return compare(nodes, seed, ours, imule, wallSeconds, none);
  }

  /** The same, with the two labs' outcome figures ({@link #OUTCOME}, ours then iMule's). */
  static Run compare(int nodes, long seed, List<ReqRankRecorder.Req> ours,
      List<ReqRankRecorder.Req> imule, double wallSeconds, double[] outcome) {
    double[] os = ranks(ours, 4);
    double[] is = ranks(imule, 4);
    double[] oq = ranks(ours, 2);
    double[] iq = ranks(imule, 2);
    return new Run(nodes, seed, ks(os, is), ks(oq, iq), os, is, oq, iq, wallSeconds, outcome);
  }

  private static Stats.Ks ks(double[] a, double[] b) {
    return a.length == 0 || b.length == 0 ? new Stats.Ks(Double.NaN, 0)
        : Stats.ksTwoSample(a, b);
  }

  static double[] ranks(List<ReqRankRecorder.Req> reqs, int count) {
    return reqs.stream().filter(r -> r.count() == count).mapToDouble(ReqRankRecorder.Req::rank)
        .toArray();
  }

  static double farShare(double[] ranks) {
    if (ranks.length == 0) {
      return Double.NaN;
    }
    long far = java.util.Arrays.stream(ranks).filter(r -> r >= FAR_RANK).count();
    return (double) far / ranks.length;
  }
}
