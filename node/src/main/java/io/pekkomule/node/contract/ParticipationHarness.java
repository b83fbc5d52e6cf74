package io.pekkomule.node.contract;

import com.typesafe.config.Config;
import io.pekkomule.node.lab.LabParams;
import io.pekkomule.node.lab.LabReport;
import io.pekkomule.node.lab.LabRunner;
import io.pekkomule.node.lab.ParticipationRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Harness H8, participation symmetry (shared/spec/contract-harness.md): a virtual-time lab where
 * half of the non-seed nodes are client-heavy (they share files and search often) and the others
 * only route; every node's outbound datagrams are cut into 10 min windows of features (volume,
 * distinct destinations, opcode mix, REQ count mix; {@link ParticipationRecorder}) and a {@link
 * ParticipationClassifier} tries to tell the roles apart, cross-validated by node. The harness
 * passes when its accuracy is at most chance + 5 points. Run with cover lookups on (must pass)
 * and off (the negative control, must fail).
 *
 * <p>Paired design: a small lab's nodes differ a lot in what they are asked (a node alone in a
 * sparse part of the id space answers several times the requests of one in a crowded part), and
 * with a few dozen nodes that difference correlates with the roles by chance, in either
 * direction, by up to ±7 points of accuracy. So each verdict pools two runs of the same seed —
 * the same ids, joins and network — with complementary roles: every node is a client in one run
 * and a router in the other, and its windows from both runs stay in the same fold. Whatever the
 * roles cause still shows; what a node is by position cancels.
 */
public final class ParticipationHarness {
  private ParticipationHarness() {}

  /** One verdict: the pooled classifier figures and the traffic per class. */
  public record Run(ParticipationClassifier.Result result, boolean cover, double clientPerHour,
      double routerPerHour, double wallSeconds) {
    public HarnessResult verdict() {
      return new HarnessResult("H8", "participation", result.pass(), String.format(Locale.ROOT,
          "cover=%s accuracy=%.3f chance=%.3f limit=%.3f logistic=%.3f stump=%.3f"
              + " stump_feature=%s windows=%d nodes=%d client_dgrams_per_h=%.0f"
              + " router_dgrams_per_h=%.0f wall_s=%.0f",
          cover ? "on" : "off", result.accuracy(), result.chance(), result.chance() + 0.05,
          result.logistic(), result.stump(), result.stumpFeature(), result.samples(),
          result.nodes(), clientPerHour, routerPerHour, wallSeconds));
    }
  }

  /**
   * The H8 lab: {@code nodes} nodes, a 30 min warm-up (clients are active from a minute after
   * they join), then {@code hours} of 10 min windows; half the non-seed nodes are clients that
   * search 10 times an hour and share 5 files an hour (each a source and two keyword publishes:
   * 15 publish lookups an hour), below the cover's default totals (12 and 24).
   */
  public static LabParams params(int nodes, double hours, long seed, boolean cover) {
    Duration warmup = Duration.ofMinutes(30);
    Duration duration = warmup.plus(Duration.ofMinutes(Math.round(hours * 60)));
    LabParams.Participation p = new LabParams.Participation(0.5, 10,
        (int) Math.max(1, Math.round(5 * (hours + 0.5))), cover,
        io.pekkomule.node.kad.search.CoverPlanner.Config.DEFAULT, Duration.ofMinutes(10));
    return LabParams.defaults(nodes).withSeed(seed).withJoinWindow(Duration.ofMinutes(5))
        .withWarmup(warmup).withDuration(duration).withPairs(0)
        .withProgressEvery(Duration.ofMinutes(10)).withParticipation(p);
  }

  /** Cross-validated classifier figures over windows. */
  public static ParticipationClassifier.Result evaluate(List<ParticipationRecorder.Sample> s,
      long seed) {
    double[][] x = new double[s.size()][];
    boolean[] y = new boolean[s.size()];
    int[] g = new int[s.size()];
    for (int i = 0; i < s.size(); i++) {
      x[i] = s.get(i).features();
      y[i] = s.get(i).client();
      g[i] = s.get(i).node();
    }
    return new ParticipationClassifier(5, seed).evaluate(x, y, g, ParticipationRecorder.FEATURES);
  }

  /** Runs the paired H8 labs (roles, then the complementary roles) with cover on or off. */
  public static Run run(Config root, int nodes, double hours, long seed, boolean cover,
      Consumer<String> progress) {
    long start = System.nanoTime();
    LabParams p = params(nodes, hours, seed, cover);
    List<ParticipationRecorder.Sample> all = new ArrayList<>();
    for (boolean swap : new boolean[] {false, true}) {
      LabParams q = p.withParticipation(p.participation().withSwapRoles(swap));
      LabReport r = LabRunner.run(q, root, progress);
      all.addAll(r.participation());
    }
    double hoursPerWindow = p.participation().window().toNanos() / 3.6e12;
    double[] dg = new double[2];
    int[] n = new int[2];
    for (ParticipationRecorder.Sample x : all) {
      int i = x.client() ? 0 : 1;
      dg[i] += x.datagrams();
      n[i]++;
    }
    return new Run(evaluate(all, seed), cover, dg[0] / Math.max(1, n[0]) / hoursPerWindow,
        dg[1] / Math.max(1, n[1]) / hoursPerWindow, (System.nanoTime() - start) / 1e9);
  }
}
