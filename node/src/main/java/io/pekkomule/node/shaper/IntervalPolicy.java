package io.pekkomule.node.shaper;

import java.util.random.RandomGenerator;

/**
 * Bounded random gaps for the shaper's own timers (cover traffic, constant-rate slots). Never a
 * fixed period: a fixed period is a spectral line an observer can see.
 */
final class IntervalPolicy {
  private IntervalPolicy() {}

  private static final double LO = 0.1;
  private static final double HI = 4.0;
  private static final double TRUNC_EXP_MEAN =
      (LO * Math.exp(-LO) - HI * Math.exp(-HI)) / (Math.exp(-LO) - Math.exp(-HI)) + 1;

  /**
   * A cover gap: exponential truncated to [0.1, 4] times its scale, rescaled so the mean is
   * exactly {@code meanNanos}. Nearly memoryless (cover looks like independent lookups) yet
   * bounded both ways.
   */
  static long coverGap(long meanNanos, RandomGenerator rnd) {
    double u = rnd.nextDouble();
    double e = -Math.log(Math.exp(-LO) - u * (Math.exp(-LO) - Math.exp(-HI)));
    return Math.max(1, Math.round(meanNanos * e / TRUNC_EXP_MEAN));
  }

  /**
   * A constant-rate slot gap: uniform on [0.5, 1.5] times the mean. The rate is constant on
   * average, the renewal process has no spectral line (the characteristic function of this
   * uniform vanishes at the mean rate), and no gap is shorter than half the mean.
   */
  static long slotGap(long meanNanos, RandomGenerator rnd) {
    return Math.max(1, Math.round(meanNanos * (0.5 + rnd.nextDouble())));
  }
}
