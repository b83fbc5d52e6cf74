package io.pekkomule.node.transport.sam;

import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

/** Helpers shared by the SAM tests. */
final class SamTestSupport {
  private SamTestSupport() {}

  /** The bundled configuration with {@code overrides} (HOCON inside {@code pekko-mule.transport.sam}). */
  static SamConfig config(String overrides) {
    return SamConfig.from(
        ConfigFactory.parseString("pekko-mule.transport.sam {\n" + overrides + "\n}")
            .withFallback(ConfigFactory.defaultApplication())
            .resolve());
  }

  static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + limit + " waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
