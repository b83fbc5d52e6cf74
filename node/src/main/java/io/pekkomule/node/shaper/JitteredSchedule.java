package io.pekkomule.node.shaper;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Intervals for maintenance timers (bucket refresh, hello cycle, republish): the nominal iMule
 * interval times a slowly drifting factor times uniform jitter, so the mean stays in iMule's
 * order of magnitude while no interval repeats exactly and no period shows in the spectrum.
 * Interval = nominal * drift * U[1 - jitter, 1 + jitter]; drift is a bounded random walk in
 * [1 - maxDrift, 1 + maxDrift]. Owners use it with a one-shot timer ({@code startSingleTimer}),
 * never a fixed-rate timer, and still send through the shaper.
 */
public final class JitteredSchedule {
  private final long nominalNanos;
  private final double jitter;
  private final double maxDrift;
  private final RandomGenerator rnd;
  private double drift = 1.0;

  public JitteredSchedule(Duration nominal, double jitter, double maxDrift, RandomGenerator rnd) {
    if (nominal.isNegative() || nominal.isZero()) {
      throw new IllegalArgumentException("nominal interval must be positive");
    }
    if (jitter < 0.25 || jitter > 0.9) {
      throw new IllegalArgumentException("jitter must be in [0.25, 0.9], got " + jitter);
    }
    if (maxDrift < 0 || maxDrift > 0.5) {
      throw new IllegalArgumentException("maxDrift must be in [0, 0.5], got " + maxDrift);
    }
    this.nominalNanos = nominal.toNanos();
    this.jitter = jitter;
    this.maxDrift = maxDrift;
    this.rnd = rnd;
  }

  /** Default shape: ±50 % jitter (no spectral line at the nominal rate), ±10 % drift. */
  public static JitteredSchedule of(Duration nominal, RandomGenerator rnd) {
    return new JitteredSchedule(nominal, 0.5, 0.1, rnd);
  }

  public long nextNanos() {
    drift += (rnd.nextDouble() - 0.5) * 0.02;
    drift = Math.max(1 - maxDrift, Math.min(1 + maxDrift, drift));
    double j = 1 - jitter + 2 * jitter * rnd.nextDouble();
    return Math.max(1, Math.round(nominalNanos * drift * j));
  }

  public Duration next() {
    return Duration.ofNanos(nextNanos());
  }
}
