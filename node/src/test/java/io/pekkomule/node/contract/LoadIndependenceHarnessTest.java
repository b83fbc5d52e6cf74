package io.pekkomule.node.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.shaper.ShaperSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LoadIndependenceHarnessTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sameSeedsBehaveAlikeUnderLoadParallelismAndTick() {
    HarnessResult r = new LoadIndependenceHarness(ShaperSettings.defaults(), 10, 2000).run(false);
    System.out.println(r.line());
    assertTrue(r.pass(), r.line());
  }

  @Test
  void detectsADelayThatDependsOnLoadEvenWithoutLatenessEnforcement() {
    assertFalse(LoadIndependenceHarness.evaluate(slowerWhenBusy(), 10, 20_000_000L, false).pass());
  }

  @Test
  void detectsADelayThatDependsOnLoad() {
    HarnessResult r = LoadIndependenceHarness.evaluate(slowerWhenBusy(), 10, 20_000_000L, true);
    System.out.println("negative control (must FAIL): " + r.line());
    assertFalse(r.pass());
  }

  /** Negative control: "busy" runs 40 ms slower, as a shaper leaking CPU load would be. */
  private static Map<String, LoadIndependenceHarness.Run> slowerWhenBusy() {
    SplittableRandom rnd = new SplittableRandom(1);
    int seeds = 10;
    int n = 2000;
    Map<String, LoadIndependenceHarness.Run> runs = new LinkedHashMap<>();
    for (String name : new String[] {"idle", "busy"}) {
      double[][] d = new double[seeds][n];
      double[][] l = new double[seeds][n];
      for (int s = 0; s < seeds; s++) {
        for (int i = 0; i < n; i++) {
          l[s][i] = rnd.nextDouble() * 10e6 + (name.equals("busy") ? 40e6 : 0);
          d[s][i] = 60e6 + rnd.nextDouble() * 1.4e9 + l[s][i];
        }
      }
      runs.put(name, new LoadIndependenceHarness.Run(10_000_000L, d, l));
    }
    return runs;
  }
}
