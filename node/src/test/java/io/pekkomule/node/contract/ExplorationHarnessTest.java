package io.pekkomule.node.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.pekkomule.node.lab.ReqRankRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Harness H10 (lookup shape): the verdict on synthetic request sets (it must be able to fail), and
 * the harness itself on two 300-node virtual-time labs of seed 1 (about a minute).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorationHarnessTest {

  /** A lookup's receivers: mostly near the key (geometric ranks), {@code far} of them far. */
  private static List<ReqRankRecorder.Req> lookups(long seed, int n, double far) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ReqRankRecorder.Req> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int count = i % 3 == 0 ? 2 : 4;
      int rank = r.nextDouble() < far ? 100 + r.nextInt(100)
          : (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(0.9));
      out.add(new ReqRankRecorder.Req(count, rank, r.nextInt(50)));
    }
    return out;
  }

  @Test
  void ourSearchesAndPublishesAskTheNodesIMulesWould() {
    ExplorationHarness.Run run = ExplorationHarness.run(ConfigFactory.load(),
        ExplorationHarness.params(300, 1), line -> { });
    String line = run.verdict().line();
    System.out.println(line);
    // both labs ran their workload: enough requests for a KS to see a difference
    assertTrue(run.oursStore().length >= 1000 && run.imuleStore().length >= 1000, line);
    assertTrue(run.oursSearch().length >= 800 && run.imuleSearch().length >= 800, line);
    assertTrue(run.pass(), line);
    // publishes never explore: no store REQ to a node ranked 100+ from the key
    assertEquals(0.0, ExplorationHarness.farShare(run.oursStore()), 0.005, line);
  }

  @Test
  void sameShapePassesAsOftenAsAKsTestShould() {
    // two independent draws of one distribution: a KS at the 0.01 level rejects ~1 % of them
    int passes = 0;
    for (int i = 0; i < 20; i++) {
      ExplorationHarness.Run run = ExplorationHarness.compare(300, 1,
          lookups(2 * i + 1, 3000, 0.05), lookups(2 * i + 2, 3000, 0.05), 0);
      passes += run.pass() ? 1 : 0;
      if (run.pass()) {
        assertTrue(run.verdict().line().startsWith("H10 lookup-shape PASS "));
      }
    }
    assertTrue(passes >= 17, passes + " of 20");
  }

  @Test
  void extraFarRequestsFail() {
    // a fifth of the requests to far nodes instead of one in twenty: what exploration could do
    for (int i = 0; i < 20; i++) {
      ExplorationHarness.Run run = ExplorationHarness.compare(300, 1,
          lookups(2 * i + 1, 3000, 0.20), lookups(2 * i + 2, 3000, 0.05), 0);
      assertFalse(run.pass(), run.verdict().line());
      assertTrue(run.store().d() > 0.1, run.verdict().line());
      assertEquals(0.20, ExplorationHarness.farShare(run.oursStore()), 0.03);
    }
  }

  @Test
  void noRequestsOfAKindIsAFailNotAPass() {
    List<ReqRankRecorder.Req> storesOnly = lookups(1, 300, 0.05).stream()
        .filter(q -> q.count() == 4).toList();
    assertFalse(ExplorationHarness.compare(300, 1, storesOnly, lookups(2, 300, 0.05), 0).pass());
  }
}
