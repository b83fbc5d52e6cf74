package io.pekkomule.node.transport.sam;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect backoff with jitter: attempt {@code n} waits {@code min·2ⁿ} capped at
 * {@code max}, shortened by up to {@code jitter} of itself so that several nodes behind one router
 * do not come back in lockstep. Never below {@code min·(1−jitter)}, never above {@code max}.
 */
public record Backoff(Duration min, Duration max, double jitter) {
  public Backoff {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max");
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("backoff jitter must be in [0, 1)");
    }
  }

  /** The wait before reconnect attempt {@code attempt} (0 = first retry). */
  public Duration delay(int attempt, RandomGenerator random) {
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    long base = maxNanos;
    if (attempt < 62 && minNanos <= (maxNanos >> Math.min(attempt, 62))) {
      base = Math.min(maxNanos, minNanos << attempt);
    }
    double factor = 1.0 - jitter * random.nextDouble();
    return Duration.ofNanos(Math.max(1, (long) (base * factor)));
  }
}
