package io.pekkomule.node.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.shaper.ShaperSettings;
import org.junit.jupiter.api.Test;

/** H2 for serving the index, with its negative control (a slower path when something is there). */
class IndexTimingHarnessTest {
  @Test
  void hitAndMissStoredAndRefusedAreIndistinguishableInReplyTiming() {
    IndexTimingHarness h = new IndexTimingHarness(ShaperSettings.defaults(), 10, 2000);
    HarnessResult r = h.h2();
    System.out.println(r.line());
    assertTrue(r.pass(), r.line());
  }

  @Test
  void aSlowerPathForHitsIsCaught() {
    HarnessResult r = new IndexTimingHarness(ShaperSettings.defaults(), 10, 2000).h2LeakyControl();
    System.out.println(r.line() + " (negative control)");
    assertFalse(r.pass(), r.line());
  }
}
