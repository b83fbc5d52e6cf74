package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagementSettingsTest {
  private static Config with(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load());
  }

  @Test
  void shippedDefaultsAreLoopbackOnly() {
    ManagementSettings s = ManagementSettings.fromConfig(ConfigFactory.load());
    assertEquals("127.0.0.1", s.host());
    assertEquals(7626, s.port());
    assertFalse(s.allowNonLoopback());
    assertEquals(16 * 1024, s.maxRequestBytes());
    assertEquals(Duration.ofSeconds(5), s.askTimeout());
    assertEquals("http://127.0.0.1:7626/", s.localUrl(7626));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "http.host = \"0.0.0.0\"                      | not a loopback address",
    "http.host = \"192.168.1.2\"                  | not a loopback address",
    "http.host = \"example.com\"                  | must be an IP address",
    "http.host = \"127.0.0.300\"                  | not a valid address",
    "http.port = 70000                            | must be in [0, 65535]",
    "http.port = -1                               | must be in [0, 65535]",
    "http.port = \"many\"                         | http.port",
    "max-request-bytes = 10                       | must be in [1KiB, 1MiB]",
    "max-request-bytes = 10 MiB                   | must be in [1KiB, 1MiB]",
    "ask-timeout = 0s                             | ask-timeout",
    "events.keep-alive = 10 minutes               | events.keep-alive",
    "events.buffer = 1                            | events.buffer"
  })
  void badSettingsNameTheKey(String setting, String message) {
    ManagementSettings.BadSettingException e = assertThrows(ManagementSettings.BadSettingException.class,
        () -> ManagementSettings.fromConfig(with("pekko-mule.management." + setting)));
    assertTrue(e.getMessage().startsWith("pekko-mule.management."), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aNonLoopbackHostNeedsTheExplicitSwitch() {
    ManagementSettings s = ManagementSettings.fromConfig(with(
        "pekko-mule.management.http { host = \"0.0.0.0\", allow-non-loopback = on }"));
    assertEquals("0.0.0.0", s.host());
    assertEquals("http://127.0.0.1:80/", s.localUrl(80));
  }

  @Test
  void loopbackSpellingsAreAccepted() {
    for (String h : new String[] {"localhost", "::1", "[::1]", "127.0.0.2"}) {
      ManagementSettings.fromConfig(with("pekko-mule.management.http.host = \"" + h + "\""));
    }
    assertEquals("http://[::1]:9/", ManagementSettings.url("::1", 9));
    assertEquals("http://[::1]:9/", ManagementSettings.url("::", 9));
  }
}
