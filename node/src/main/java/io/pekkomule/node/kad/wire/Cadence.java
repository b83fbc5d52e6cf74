package io.pekkomule.node.kad.wire;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered, drifting intervals for every timer of the node: each draw is the base interval times
 * a uniform jitter factor times a slowly random-walking drift factor, so no interval repeats
 * exactly and no timer settles into a fixed period (contract H6), while staying within iMule's
 * orders of magnitude. Not thread-safe: one per actor.
 */
public final class Cadence {
  private static final double DRIFT_STEP = 0.01;
  private static final double DRIFT_MIN = 0.9;
  private static final double DRIFT_MAX = 1.1;

  private final RandomGenerator random;
  private final double jitter;
  private double drift;

  /**
   * @param jitter relative half-width of the uniform factor, e.g. 0.2 for [0.8, 1.2]
   */
  public Cadence(RandomGenerator random, double jitter) {
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
    this.random = random;
    this.jitter = jitter;
    this.drift = DRIFT_MIN + (DRIFT_MAX - DRIFT_MIN) * random.nextDouble();
  }

  /** The next interval around {@code base}. */
  public Duration next(Duration base) {
    drift = Math.max(DRIFT_MIN, Math.min(DRIFT_MAX, drift + DRIFT_STEP * random.nextGaussian()));
    double f = drift * (1 - jitter + 2 * jitter * random.nextDouble());
    return Duration.ofNanos(Math.max(1_000_000L, Math.round(base.toNanos() * f)));
  }

  /** A uniform draw in [lo, hi] (one-off delays such as a first run). */
  public Duration between(Duration lo, Duration hi) {
    long span = hi.toNanos() - lo.toNanos();
    return lo.plusNanos(span <= 0 ? 0 : (long) (span * random.nextDouble()));
  }

  public RandomGenerator random() {
    return random;
  }
}
