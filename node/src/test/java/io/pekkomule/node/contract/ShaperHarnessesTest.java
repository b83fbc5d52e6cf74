package io.pekkomule.node.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.shaper.ShaperSettings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A hang guard, not a performance goal: the harnesses are CPU-bound simulations (~40 s alone on
// 2 cores, ~95 s when the machine is shared).
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShaperHarnessesTest {
  private static final ShaperSettings SETTINGS = ShaperSettings.defaults();
  private static final ShaperHarnesses H = new ShaperHarnesses(SETTINGS, 10, 2000);

  private static HarnessResult report(HarnessResult r) {
    System.out.println(r.line());
    return r;
  }

  /** A deliberately broken input that the harness must reject; labelled so CI logs read right. */
  private static HarnessResult control(HarnessResult r) {
    System.out.println("negative control (must FAIL): " + r.line());
    return r;
  }

  @Test
  void h1Envelope() {
    assertTrue(report(H.h1Envelope()).pass());
  }

  @Test
  void h3Drift() {
    assertTrue(report(H.h3Drift()).pass());
  }

  @Test
  void h4Ordering() {
    assertTrue(report(H.h4Ordering()).pass());
  }

  @Test
  void h6NoFixedPeriods() {
    assertTrue(report(H.h6NoFixedPeriods()).pass());
  }

  @Test
  void h6DetectsFixedPeriods() {
    assertFalse(control(new ShaperHarnesses(SETTINGS, 3, 2000).h6(true)).pass());
  }

  @Test
  void h7Caps() {
    assertTrue(report(H.h7Caps()).pass());
  }

  @Test
  void maximumLevelWithConstantRateKeepsTheEnvelopeAndCaps() {
    ShaperSettings max = ShaperSettings.fromConfig(com.typesafe.config.ConfigFactory
        .parseString("pekko-mule.shaper.privacy-level = maximum")
        .withFallback(ShaperSettings.defaultConfig()));
    ShaperHarnesses h = new ShaperHarnesses(max, 4, 2000);
    assertTrue(report(h.h1Envelope()).pass());
    assertTrue(report(h.h7Caps()).pass());
  }

  @Test
  void h7OracleCatchesUnshapedTraffic() {
    assertFalse(control(new ShaperHarnesses(SETTINGS, 2, 2000).h7(true)).pass());
  }
}
