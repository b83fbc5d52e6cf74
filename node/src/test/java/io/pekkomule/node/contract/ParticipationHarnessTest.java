package io.pekkomule.node.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Harness H8 in CI (virtual-time lab, paired roles; see {@link ParticipationHarness}): with the
 * default cover lookups a classifier cannot tell client-heavy nodes from pure routers by their
 * outbound windows (accuracy ≤ chance + 5 points); without cover (the negative control) it can.
 * Same figures as {@code pekko-mule contract h8 --nodes 60 --hours 1}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipationHarnessTest {
  static final int NODES = 60;
  static final double HOURS = 1;

  @Test
  void coverMakesClientsAndRoutersAlikeAndWithoutItTheyDiffer() {
    ParticipationHarness.Run on = ParticipationHarness.run(ConfigFactory.load(), NODES, HOURS, 1,
        true, line -> { });
    System.out.println(on.verdict().line());
    assertTrue(on.result().pass(), on.verdict().line());
    ParticipationHarness.Run off = ParticipationHarness.run(ConfigFactory.load(), NODES, HOURS, 1,
        false, line -> { });
    System.out.println(off.verdict().line() + " (negative control)");
    assertFalse(off.result().pass(), off.verdict().line());
    assertTrue(off.result().accuracy() >= off.result().chance() + 0.2,
        "the control fails clearly: " + off.verdict().line());
  }
}
