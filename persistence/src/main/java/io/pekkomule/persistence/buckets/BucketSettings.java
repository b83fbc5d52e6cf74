package io.pekkomule.persistence.buckets;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * Tunables of the bucket store ({@code pekko-mule.persistence.buckets} in conf/persistence.conf).
 *
 * @param seenWindow at most one {@code ContactSeen} per contact (and one {@code Checkpointed})
 *     per this window: the journal write rate stays bounded however busy the network is
 * @param cacheMax replacement-cache candidates kept; beyond it the worst is dropped
 * @param snapshotEvery a snapshot every this many events (older events are then deleted)
 */
public record BucketSettings(Duration seenWindow, int cacheMax, int snapshotEvery,
    AgeingPolicy ageing) {

  public static final BucketSettings DEFAULT =
      new BucketSettings(Duration.ofMinutes(10), 200, 500, AgeingPolicy.DEFAULT);

  public BucketSettings {
    if (seenWindow.isNegative() || cacheMax < 0 || snapshotEvery < 1) {
      throw new IllegalArgumentException("bad bucket settings");
    }
  }

  /** Reads {@code c} (the {@code pekko-mule.persistence.buckets} block). */
  public static BucketSettings fromConfig(Config c) {
    List<Duration> dwell = List.of(
        c.getDuration("ageing.dwell-class-0"), c.getDuration("ageing.dwell-class-1"),
        c.getDuration("ageing.dwell-class-2"), c.getDuration("ageing.dwell-class-3"),
        c.getDuration("ageing.dwell-class-4"));
    return new BucketSettings(
        c.getDuration("seen-coalesce-window"),
        c.getInt("replacement-cache-max"),
        c.getInt("snapshot-every"),
        new AgeingPolicy(dwell, c.getDouble("ageing.spread"), c.getInt("ageing.min-contacts-kept")));
  }
}
