package io.pekkomule.node.shaper;

import java.util.random.RandomGenerator;

/**
 * The per-class added delay: {@code floor + (ceiling - floor) * X} with X Kumaraswamy(a, b) on
 * [0, 1]. Closed form both ways, bounded on both sides, shape tunable:
 *
 * <pre>
 *   F(x) = 1 - (1 - x^a)^b            (x in [0,1])
 *   Q(u) = (1 - (1 - u)^(1/b))^(1/a)  (inverse, used for sampling)
 * </pre>
 *
 * Sampling is by inversion of one uniform draw, so a seeded generator reproduces delays exactly.
 */
public final class DelayDistribution {
  private final long floorNanos;
  private final long ceilingNanos;
  private final double a;
  private final double b;

  public DelayDistribution(long floorNanos, long ceilingNanos, double a, double b) {
    if (floorNanos < 0 || ceilingNanos <= floorNanos) {
      throw new IllegalArgumentException("need 0 <= floor < ceiling");
    }
    if (!(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException("shape parameters must be positive");
    }
    this.floorNanos = floorNanos;
    this.ceilingNanos = ceilingNanos;
    this.a = a;
    this.b = b;
  }

  public long floorNanos() {
    return floorNanos;
  }

  public long ceilingNanos() {
    return ceilingNanos;
  }

  public double shapeA() {
    return a;
  }

  public double shapeB() {
    return b;
  }

  /** P(delay <= nanos). */
  public double cdf(double nanos) {
    if (nanos <= floorNanos) {
      return 0;
    }
    if (nanos >= ceilingNanos) {
      return 1;
    }
    double x = (nanos - floorNanos) / (double) (ceilingNanos - floorNanos);
    return 1 - Math.pow(1 - Math.pow(x, a), b);
  }

  /** The delay at probability u in [0, 1]. */
  public long quantile(double u) {
    double x = Math.pow(1 - Math.pow(1 - u, 1 / b), 1 / a);
    long d = floorNanos + Math.round(x * (ceilingNanos - floorNanos));
    return Math.min(ceilingNanos, Math.max(floorNanos, d));
  }

  public long sample(RandomGenerator rnd) {
    return quantile(rnd.nextDouble());
  }

  /**
   * A draw from the distribution conditioned on delay <= limit (for intents whose semantic
   * deadline is shorter than the ceiling); the caller guarantees limit > floor.
   */
  public long sampleAtMost(long limitNanos, RandomGenerator rnd) {
    if (limitNanos >= ceilingNanos) {
      return sample(rnd);
    }
    double top = cdf(limitNanos);
    return Math.min(limitNanos, quantile(rnd.nextDouble() * top));
  }

  /** The mean, by numeric integration of the survival function. */
  public double meanNanos() {
    int n = 4096;
    double span = ceilingNanos - floorNanos;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += 1 - cdf(floorNanos + (i + 0.5) / n * span);
    }
    return floorNanos + s / n * span;
  }
}
