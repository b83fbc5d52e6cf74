package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Cover lookups (seed 001 §3, "nodes SHOULD generate cover lookups unrelated to their own
 * interests"): a pure, clock-free planner of random keyword, file and node lookups whose rate tops
 * the node's own searches up to one fixed total, so a node whose user searches a lot and a node
 * that only routes start about the same number of lookups per hour, of the same mix.
 *
 * <p>Rate: firings at {@code targetPerHour}; each own search started since replaces one firing's
 * cover lookup (credit, {@link #fire()}), except a share {@code minPerHour / targetPerHour} of
 * firings that always send (publishes likewise, with their own target); gaps are exponential with that mean, truncated to [0.1, 4] × the mean (no fixed period,
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
      double fileShare, double publishTargetPerHour, double publishMinPerHour,
      double keywordPublishShare) {
    /**
     * 12 searches and 24 publish lookups an hour in all (own plus cover), at least 1 and 1 cover
     * ones; searches 60 % keyword, 40 % sources, no NODE lookups (a client's searches are data
     * searches; node lookups are maintenance, which every node runs alike); publishes 2/3
     * keyword, 1/3 source (a freshly shared two-word file). Harness H8's client-heavy level
     * (docs/shaper.md, "Cover lookups").
     */
    public static final Config DEFAULT = new Config(12, 1, 0.6, 0.4, 24, 1, 2.0 / 3);

    /** Search and node cover only (no publish cover). */
    public Config(double targetPerHour, double minPerHour, double keywordShare,
        double fileShare) {
      this(targetPerHour, minPerHour, keywordShare, fileShare, 0, 0, 0.5);
    }

    public Config {
      if (targetPerHour <= 0 || minPerHour <= 0 || minPerHour > targetPerHour
          || keywordShare < 0 || fileShare < 0 || keywordShare + fileShare > 1
          || publishTargetPerHour < 0 || publishMinPerHour < 0
          || publishMinPerHour > publishTargetPerHour
          || keywordPublishShare < 0 || keywordPublishShare > 1) {
        throw new IllegalArgumentException("bad cover config");
      }
    }

    /**
     * The configured cover ({@code pekko-mule.kad.cover}, conf/kad.conf), or null when it is off.
     *
     * @throws IllegalArgumentException naming the key, for a missing or out-of-range value
     */
    public static Config fromConfig(com.typesafe.config.Config root) {
      String base = "pekko-mule.kad.cover";
      if (!root.hasPath(base)) {
        return null;
      }
      com.typesafe.config.Config c = root.getConfig(base);
      try {
        if (!c.getBoolean("enabled")) {
          return null;
        }
        double searches = c.getDouble("searches-per-hour");
        double minSearches = c.getDouble("min-searches-per-hour");
        double publishes = c.getDouble("publishes-per-hour");
        double minPublishes = c.getDouble("min-publishes-per-hour");
        check(base + ".searches-per-hour", searches, 0.1, 600);
        check(base + ".min-searches-per-hour", minSearches, 0.1, searches);
        check(base + ".publishes-per-hour", publishes, 0, 600);
        check(base + ".min-publishes-per-hour", minPublishes, 0, publishes);
        return new Config(searches, minSearches, DEFAULT.keywordShare(), DEFAULT.fileShare(),
            publishes, minPublishes, DEFAULT.keywordPublishShare());
      } catch (com.typesafe.config.ConfigException e) {
        throw new IllegalArgumentException("bad cover setting: " + e.getMessage(), e);
      }
    }

    private static void check(String key, double v, double min, double max) {
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException("bad cover setting: " + key + " = " + v
            + " (allowed " + min + ".." + max + ")");
      }
    }

    public Config withPublish(double target, double min) {
      return new Config(targetPerHour, minPerHour, keywordShare, fileShare, target, min,
          keywordPublishShare);
    }
  }

  /**
   * One cover publish: a phantom file (random id, size and a name of two pronounceable random
   * words) published as iMule publishes a shared file's source, or under the keyword of its
   * first word (the key is that word's hash, so the entry is consistent for whoever stores it).
   */
  public record PublishCover(RepublishScheduler.JobKind kind, KadId target, SharedFile file) {}

  /** One cover lookup to start. */
  public record Cover(LookupType type, KadId target, long size) {}

  private static final long HOUR = Duration.ofHours(1).toMillis();
  /** How much own activity the credit remembers (see {@link #cap}). */
  private static final long HISTORY = Duration.ofMinutes(30).toMillis();

  private final Config config;
  private final RandomGenerator random;
  /** Own searches and publish lookups not yet made up for by a skipped cover firing. */
  private double credit;
  private double publishCredit;

  public CoverPlanner(Config config, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * At most half an hour of the target is remembered: a burst of own activity replaces the cover
   * of the next half hour at most, and a node busier than the target shows it.
   */
  private static double cap(double target) {
    return Math.max(1, target * HISTORY / HOUR);
  }

  /** The node started one of its own searches. */
  public void own(long now) {
    credit = Math.min(cap(config.targetPerHour()), credit + 1);
  }

  /** The node started one of its own publish lookups. */
  public void ownPublish(long now) {
    publishCredit = Math.min(cap(config.publishTargetPerHour()), publishCredit + 1);
  }

  /**
   * A search firing is due: whether it sends a cover lookup. A share {@code min / target} of the
   * firings always sends; any other firing is skipped while own searches are in credit (each
   * own search replaces one cover lookup). Own plus cover thus average the target exactly for
   * any own rate up to {@code target - min}, without the bias a rate computed from a window of
   * past activity has.
   */
  public boolean fire() {
    if (random.nextDouble() < config.minPerHour() / config.targetPerHour()) {
      return true;
    }
    if (credit >= 1) {
      credit -= 1;
      return false;
    }
    return true;
  }

  /**
   * Publish lookups one phantom share brings: its source, then a keyword publish for each of its
   * two words, as the {@link Publisher} publishes a newly shared two-word file.
   */
  public static final int LOOKUPS_PER_SHARE = 3;

  /**
   * A publish firing (one phantom share, {@link #LOOKUPS_PER_SHARE} publish lookups) is due:
   * whether it happens. As {@link #fire()}, with own publish lookups replacing a share's worth.
   */
  public boolean firePublish() {
    if (random.nextDouble() < config.publishMinPerHour() / config.publishTargetPerHour()) {
      return true;
    }
    if (publishCredit >= LOOKUPS_PER_SHARE) {
      publishCredit -= LOOKUPS_PER_SHARE;
      return false;
    }
    return true;
  }

  /** Own searches in credit (tests, metrics). */
  public double credit() {
    return credit;
  }

  /** Own publish lookups in credit. */
  public double publishCredit() {
    return publishCredit;
  }

  /** Search firings per hour (cover plus the firings own searches replace): the target. */
  public double ratePerHour(long now) {
    return config.targetPerHour();
  }

  /** Publish firings (phantom shares) per hour: the publish target / 3 (0: off). */
  public double publishRatePerHour(long now) {
    return Math.max(0, config.publishTargetPerHour()) / LOOKUPS_PER_SHARE;
  }

  /** The wait before the next publish firing; {@link Long#MAX_VALUE} when publish cover is off. */
  public long nextPublishGapMillis(long now) {
    double rate = publishRatePerHour(now);
    if (rate <= 0) {
      return Long.MAX_VALUE;
    }
    return gap(HOUR / rate);
  }

  private long gap(double mean) {
    double x = -Math.log(1 - random.nextDouble());
    return (long) (mean * Math.max(0.1, Math.min(4.0, x)));
  }

  private static final String[] EXTENSIONS = {"avi", "mkv", "mp3", "mp4", "pdf", "zip", "ogg",
      "epub", "flac", "iso"};
  private static final String CONSONANTS = "bcdfghjklmnprstvwz";
  private static final String VOWELS = "aeiou";

  private String word() {
    int syllables = 2 + random.nextInt(2);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      b.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
      b.append(VOWELS.charAt(random.nextInt(VOWELS.length())));
      if (random.nextInt(3) == 0) {
        b.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
      }
    }
    return b.toString();
  }

  /**
   * A phantom file to publish as a fresh share: a random id and size, and a name of two distinct
   * pronounceable random words (both published as keywords) and a common extension.
   */
  public SharedFile phantomShare() {
    String w1 = word();
    String w2;
    do {
      w2 = word();
    } while (w2.equals(w1));
    String name = w1 + " " + w2 + "." + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    long size = 100_000 + (random.nextLong() & ((1L << 31) - 1));
    return SharedFile.complete(new KadId(random.nextLong(), random.nextLong()), name, size);
  }

  /** A single cover publish: source or keyword, of a fresh phantom file. */
  public PublishCover nextPublish() {
    String w1 = word();
    String name = w1 + " " + word() + "." + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    long size = 100_000 + (random.nextLong() & ((1L << 31) - 1));
    SharedFile f = SharedFile.complete(new KadId(random.nextLong(), random.nextLong()), name,
        size);
    if (random.nextDouble() < config.keywordPublishShare()) {
      return new PublishCover(RepublishScheduler.JobKind.KEYWORD,
          io.pekkomule.protocol.keyword.KeywordHasher.hash(w1), f);
    }
    return new PublishCover(RepublishScheduler.JobKind.SOURCE, f.fileId(), f);
  }

  /** The wait before the next cover lookup, drawn at {@code now}. */
  public long nextGapMillis(long now) {
    return gap(HOUR / ratePerHour(now));
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
