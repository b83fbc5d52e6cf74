package io.pekkomule.node.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** H8's attacker finds a role signal where there is one and reports chance where there is none. */
class ParticipationClassifierTest {
  static final List<String> NAMES = List.of("volume", "mix", "noise");

  /** 60 nodes × 6 windows; clients' volume is shifted by {@code effect} standard deviations. */
  static ParticipationClassifier.Result run(double effect, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 60 * 6;
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    int[] g = new int[n];
    for (int node = 0; node < 60; node++) {
      boolean client = node % 2 == 0;
      double nodeEffect = r.nextGaussian() * 0.5; // what a node is by position
      for (int w = 0; w < 6; w++) {
        int i = node * 6 + w;
        x[i] = new double[] {r.nextGaussian() + nodeEffect + (client ? effect : 0),
            r.nextGaussian(), r.nextGaussian()};
        y[i] = client;
        g[i] = node;
      }
    }
    return new ParticipationClassifier(5, seed).evaluate(x, y, g, NAMES);
  }

  @Test
  void aClearRoleSignalIsFound() {
    ParticipationClassifier.Result r = run(3, 1);
    assertEquals(0.5, r.chance(), 1e-9);
    assertTrue(r.accuracy() > 0.85, "accuracy " + r.accuracy()); // Bayes optimum ~0.91
    assertEquals("volume", r.stumpFeature());
    assertFalse(r.pass());
  }

  @Test
  void noSignalStaysNearChance() {
    int passes = 0;
    for (long seed = 1; seed <= 10; seed++) {
      ParticipationClassifier.Result r = run(0, seed);
      assertTrue(r.accuracy() < 0.65, "seed " + seed + ": " + r.accuracy());
      passes += r.pass() ? 1 : 0;
    }
    assertTrue(passes >= 7, "no signal passes in most seeds: " + passes + "/10");
  }
}
