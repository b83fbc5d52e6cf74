package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Cover lookups (seed 001 §3, "nodes SHOULD generate cover lookups unrelated to their own
 * interests"): a pure, clock-free planner of random keyword, file and node lookups whose rate tops
 * the node's own searches up to one fixed total, so a node whose user searches a lot and a node
 * that only routes start about the same number of lookups per hour, of the same mix.
 *
 * <p>Rate: over the last hour, {@code max(minPerHour, targetPerHour - own)} cover lookups per
 * hour; gaps are exponential with that mean, truncated to [0.1, 4] × the mean (no fixed period,
 * bounded bursts). A cover lookup's type follows the mix of a typical client's lookups; its target
 * is uniform (a keyword hash or file id is indistinguishable from a random id).
 *
 * @see CoverLookups the actor shell
 */
public final class CoverPlanner {

  /**
   * @param targetPerHour own plus cover lookups per hour
   * @param minPerHour cover lookups per hour even when the node's own exceed the target
   * @param keywordShare share of KEYWORD lookups among cover lookups
   * @param fileShare share of FILE lookups (the rest are NODE lookups)
   */
  public record Config(double targetPerHour, double minPerHour, double keywordShare,
      double fileShare) {
    public static final Config DEFAULT = new Config(12, 2, 0.4, 0.3);

    public Config {
      if (targetPerHour <= 0 || minPerHour <= 0 || minPerHour > targetPerHour
          || keywordShare < 0 || fileShare < 0 || keywordShare + fileShare > 1) {
        throw new IllegalArgumentException("bad cover config");
      }
    }
  }

  /** One cover lookup to start. */
  public record Cover(LookupType type, KadId target, long size) {}

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final Config config;
  private final RandomGenerator random;
  private final ArrayDeque<Long> own = new ArrayDeque<>();

  public CoverPlanner(Config config, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The node started one of its own searches at {@code now}. */
  public void own(long now) {
    own.addLast(now);
    trim(now);
  }

  private void trim(long now) {
    while (!own.isEmpty() && own.peekFirst() <= now - HOUR) {
      own.pollFirst();
    }
  }

  /** Cover lookups per hour at {@code now}. */
  public double ratePerHour(long now) {
    trim(now);
    return Math.max(config.minPerHour(), config.targetPerHour() - own.size());
  }

  /** The wait before the next cover lookup, drawn at {@code now}. */
  public long nextGapMillis(long now) {
    double mean = HOUR / ratePerHour(now);
    double x = -Math.log(1 - random.nextDouble());
    return (long) (mean * Math.max(0.1, Math.min(4.0, x)));
  }

  /** A cover lookup: type from the mix, uniform target. */
  public Cover next() {
    double u = random.nextDouble();
    LookupType type = u < config.keywordShare() ? LookupType.KEYWORD
        : u < config.keywordShare() + config.fileShare() ? LookupType.FILE : LookupType.NODE;
    KadId target = new KadId(random.nextLong(), random.nextLong());
    long size = 1 + (random.nextLong() & ((1L << 32) - 1));
    return new Cover(type, target, size);
  }
}
