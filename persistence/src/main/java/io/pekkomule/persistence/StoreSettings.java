package io.pekkomule.persistence;

import com.typesafe.config.Config;
import io.pekkomule.persistence.buckets.BucketSettings;
import java.time.Duration;

/** The {@code pekko-mule.persistence} block of the configuration (conf/persistence.conf). */
public record StoreSettings(Duration askTimeout, int identitySnapshotEvery, BucketSettings buckets,
    int indexMaxEntries, int indexSnapshotEvery, int publicationsSnapshotEvery) {

  public static final StoreSettings DEFAULT =
      new StoreSettings(Duration.ofSeconds(15), 100, BucketSettings.DEFAULT, 60_000, 1000, 200);

  /** Reads {@code pekko-mule.persistence}; without that block, {@link #DEFAULT}. */
  public static StoreSettings fromConfig(Config config) {
    if (!config.hasPath("pekko-mule.persistence.buckets")) {
      return DEFAULT;
    }
    Config c = config.getConfig("pekko-mule.persistence");
    return new StoreSettings(
        c.getDuration("ask-timeout"),
        c.getInt("identity.snapshot-every"),
        BucketSettings.fromConfig(c.getConfig("buckets")),
        c.getInt("index.max-entries"),
        c.getInt("index.snapshot-every"),
        c.getInt("publications.snapshot-every"));
  }
}
