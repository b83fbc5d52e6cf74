package io.pekkomule.persistence.buckets;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a downtime ages the persisted contacts ({@link DowntimeAgeing}).
 *
 * @param dwell how long a contact stays in class 0, 1, 2, 3 and 4 while nobody can observe it; a
 *     contact that outlasts class 4 is removed
 * @param spread each contact's dwell times are scaled by a factor in {@code [1-spread, 1+spread]}
 *     derived from its KadID, so a cohort fades over hours instead of at one instant
 * @param minKept removal stops while the table would fall below this many contacts (the best of
 *     the removal candidates stay, at class 4): a node never wakes up with an empty table
 */
public record AgeingPolicy(List<Duration> dwell, double spread, int minKept) {

  /**
   * iMule's live lifetimes ({@code UpdateType}: class 0 = 2 h, 1 = 1.5 h, 2 = 1 h) doubled,
   * because a downtime is unobserved time, not evidence of death; class 3 like class 2; class 4
   * keeps a contact one more day, live re-verification then decides. {@code minKept} = 25: below
   * that iMule does not even overwrite nodes.dat (spec §14.1).
   */
  public static final AgeingPolicy DEFAULT =
      new AgeingPolicy(
          List.of(Duration.ofHours(4), Duration.ofHours(3), Duration.ofHours(2),
              Duration.ofHours(2), Duration.ofHours(24)),
          0.25, 25);

  public AgeingPolicy {
    dwell = List.copyOf(dwell);
    if (dwell.size() != 5) {
      throw new IllegalArgumentException("dwell needs one duration per class 0..4");
    }
    for (Duration d : dwell) {
      Objects.requireNonNull(d);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("dwell must be positive");
      }
    }
    if (!(spread >= 0 && spread < 1)) {
      throw new IllegalArgumentException("spread must be in [0, 1)");
    }
    if (minKept < 0) {
      throw new IllegalArgumentException("minKept must be >= 0");
    }
  }
}
