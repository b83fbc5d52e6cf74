package io.pekkomule.node.shaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShaperSettingsTest {
  private static ShaperSettings with(String hocon) {
    return ShaperSettings.fromConfig(
        ConfigFactory.parseString(hocon).withFallback(ShaperSettings.defaultConfig()).resolve());
  }

  @Test
  void shippedFileIsTheClasspathDefault() throws Exception {
    Path file = Path.of(System.getProperty("pekkomule.root", ".."), "conf", "shaper.conf");
    assertTrue(Files.isReadable(file), file.toString());
    assertEquals(ShaperSettings.defaults(), ShaperSettings.fromConfig(ShaperSettings.fileConfig(file)));
  }

  @Test
  void everyLevelLoadsWithinBoundsAndHalfOfImulesLimits() {
    for (PrivacyLevel l : PrivacyLevel.values()) {
      ShaperSettings s = with("pekko-mule.shaper.privacy-level = " + l.key());
      assertEquals(l, s.privacyLevel());
      assertTrue(s.classes().get(UrgencyClass.INTERACTIVE).ceiling().compareTo(Duration.ofSeconds(10)) <= 0);
      for (OpcodeFamily f : OpcodeFamily.values()) {
        if (f.imuleInboundPerMinute() > 0) {
          assertTrue(2 * s.caps().perPeerPerMinute().get(f) <= f.imuleInboundPerMinute());
        }
      }
    }
    assertTrue(with("pekko-mule.shaper.privacy-level = maximum").constantRate());
    assertFalse(with("pekko-mule.shaper.privacy-level = enhanced").constantRate());
  }

  @Test
  void directKeysOverrideTheLevel() {
    ShaperSettings s = with("pekko-mule.shaper.shuffle-buffer = 48");
    assertEquals(48, s.shuffleBuffer());
  }

  private static void rejects(String hocon, String key) {
    ShaperConfigException e = assertThrows(ShaperConfigException.class, () -> with(hocon));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
  }

  @Test
  void badValuesNameTheirKey() {
    rejects("pekko-mule.shaper.caps.per-peer-per-minute.hello = 2",
        "pekko-mule.shaper.caps.per-peer-per-minute.hello");
    rejects("pekko-mule.shaper.caps.per-peer-per-minute.req = 16",
        "pekko-mule.shaper.caps.per-peer-per-minute.req");
    rejects("pekko-mule.shaper.classes.interactive.ceiling = 40s",
        "pekko-mule.shaper.classes.interactive.ceiling");
    rejects("pekko-mule.shaper.classes.interactive.floor = 5ms",
        "pekko-mule.shaper.classes.interactive.floor");
    rejects("pekko-mule.shaper.privacy-level = paranoid", "pekko-mule.shaper.privacy-level");
    rejects("pekko-mule.shaper.caps.total-per-minute = lots", "pekko-mule.shaper.caps.total-per-minute");
    rejects("pekko-mule.shaper.constant-rate.slots-per-second = 0", 
        "pekko-mule.shaper.constant-rate.slots-per-second");
  }
}
