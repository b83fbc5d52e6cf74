package io.pekkomule.persistence.buckets;

import java.time.Duration;

/**
 * How re-verification after a downtime is spread ({@link Reverification}).
 *
 * @param initialDelay nothing is due before this much time after recovery
 * @param spacing the window grows by this per contact…
 * @param minWindow …but spans at least this…
 * @param maxWindow …and at most this
 */
public record ReverifyPolicy(Duration initialDelay, Duration spacing, Duration minWindow,
    Duration maxWindow) {

  /** 200 contacts spread over 20 minutes; iMule's own hello cycle is 1–10 minutes per bin. */
  public static final ReverifyPolicy DEFAULT =
      new ReverifyPolicy(Duration.ofSeconds(20), Duration.ofSeconds(6), Duration.ofMinutes(2),
          Duration.ofMinutes(30));

  public ReverifyPolicy {
    if (initialDelay.isNegative() || spacing.isNegative() || minWindow.isNegative()
        || maxWindow.compareTo(minWindow) < 0 || maxWindow.isZero()) {
      throw new IllegalArgumentException("bad re-verification policy");
    }
  }
}
