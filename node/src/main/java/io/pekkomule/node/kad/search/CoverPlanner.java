package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.protocol.KadId;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

  /**
   * A phantom share needs at least this many distinct words in the vocabulary ... (a real
   * network's index holds thousands of names within minutes; in harness H8's 60-node lab a node
   * reaches 20 words about when the measured hour starts, 50 only halfway through it)
   */
  public static final int MIN_VOCABULARY_WORDS = 20;
  /** ... taken from at least this many distinct real names. */
  public static final int MIN_VOCABULARY_NAMES = 10;
  /** At most this many stored names are read per phantom share (bounded work). */
  public static final int MAX_VOCABULARY_NAMES = 2000;

  /**
   * The words of real file names this node has seen: the names in keyword entries other nodes
   * published to its index. A name's words whose keyword hash is the key of any entry stored here
   * are left out: those keywords hash near our own id, and phantom keywords built from them would
   * publish towards our own neighbourhood. Immutable.
   */
  public static final class Vocabulary {
    /** No names: no phantom names. */
    public static final Vocabulary EMPTY = new Vocabulary(List.of());

    /** One real name: its usable words (original case), word count, extension, separator. */
    record Name(List<String> words, int wordCount, String extension, char separator) {}

    private final List<Name> names;
    private final int distinctWords;
    private final Set<String> words;

    private Vocabulary(List<Name> names) {
      this.names = List.copyOf(names);
      Set<String> all = new HashSet<>();
      for (Name n : names) {
        for (String w : n.words()) {
          all.add(KeywordHasher.lowerCase(w));
        }
      }
      this.words = Set.copyOf(all);
      this.distinctWords = all.size();
    }

    /**
     * The vocabulary of names stored under keyword entries (each with the key it was stored
     * under); duplicate names count once, at most {@link #MAX_VOCABULARY_NAMES} are read.
     */
    public static Vocabulary of(Collection<IndexStore.KeywordName> stored) {
      Set<KadId> keys = new HashSet<>();
      for (IndexStore.KeywordName k : stored) {
        keys.add(k.key());
      }
      return of(stored, keys);
    }

    /**
     * As {@link #of(Collection)}, leaving out every word whose hash is in {@code excluded} (all
     * keywords the index holds, {@link IndexStore#keywordKeys()}).
     */
    public static Vocabulary of(Collection<IndexStore.KeywordName> stored, Set<KadId> excluded) {
      Set<KadId> keys = excluded;
      Set<String> seen = new HashSet<>();
      List<Name> names = new ArrayList<>();
      for (IndexStore.KeywordName k : stored) {
        if (names.size() >= MAX_VOCABULARY_NAMES) {
          break;
        }
        if (!seen.add(k.name())) {
          continue;
        }
        String stem = KeywordHasher.stripExtension(k.name());
        String ext = stem.length() < k.name().length()
            ? k.name().substring(stem.length() + 1) : "";
        List<String> raw = rawWords(stem);
        if (raw.isEmpty()) {
          continue;
        }
        List<String> usable = new ArrayList<>();
        for (String w : raw) {
          if (!keys.contains(KeywordHasher.hash(w))) {
            usable.add(w);
          }
        }
        names.add(new Name(List.copyOf(usable), raw.size(), ext, separator(stem)));
      }
      return new Vocabulary(names);
    }

    /** Distinct words (lower-cased) available to phantom names. */
    public int distinctWords() {
      return distinctWords;
    }

    /** Distinct real names read. */
    public int names() {
      return names.size();
    }

    /** Whether a word (any case) may appear in a phantom name (tests). */
    public boolean contains(String word) {
      return words.contains(KeywordHasher.lowerCase(word));
    }

    /** Whether it is large enough for phantom names ({@link #MIN_VOCABULARY_WORDS}, ...). */
    public boolean usable() {
      return distinctWords >= MIN_VOCABULARY_WORDS && names.size() >= MIN_VOCABULARY_NAMES;
    }

    /** The published words of a name (≥ 3 bytes, each once), case kept. */
    private static List<String> rawWords(String stem) {
      List<String> out = new ArrayList<>();
      Set<String> lower = new HashSet<>();
      int start = 0;
      for (int i = 0; i <= stem.length(); i++) {
        if (i == stem.length() || KeywordHasher.DELIMITERS.indexOf(stem.charAt(i)) >= 0) {
          if (i > start) {
            String t = stem.substring(start, i);
            if (t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                >= KeywordHasher.MIN_WORD_BYTES && lower.add(KeywordHasher.lowerCase(t))) {
              out.add(t);
            }
          }
          start = i + 1;
        }
      }
      return out;
    }

    /** The first delimiter between two words of the name (space when there is none). */
    private static char separator(String stem) {
      boolean inWord = false;
      for (int i = 0; i < stem.length(); i++) {
        char c = stem.charAt(i);
        boolean delim = KeywordHasher.DELIMITERS.indexOf(c) >= 0;
        if (delim && inWord && " ._-".indexOf(c) >= 0) {
          return c;
        }
        inWord = !delim;
      }
      return ' ';
    }
  }

  /**
   * A phantom file to publish as a fresh share, or empty when {@code vocabulary} is too small
   * ({@link Vocabulary#usable()}): a random id and size, and a name recombined from real names
   * this node has seen. A real name is drawn as template: its word count (at least 2), extension
   * and separator; each word then comes from a different real name (so no phantom repeats a real
   * name), uniformly among that name's usable words, no word twice.
   */
  public Optional<SharedFile> phantomShare(Vocabulary vocabulary) {
    if (!vocabulary.usable()) {
      return Optional.empty();
    }
    List<Vocabulary.Name> names = vocabulary.names;
    Vocabulary.Name template = names.get(random.nextInt(names.size()));
    int count = Math.max(2, template.wordCount());
    List<String> words = new ArrayList<>();
    Set<String> lower = new HashSet<>();
    Set<Integer> used = new HashSet<>();
    for (int tries = 0; words.size() < count && tries < 50 * count; tries++) {
      int i = random.nextInt(names.size());
      List<String> ws = names.get(i).words();
      if (ws.isEmpty() || used.contains(i)) {
        continue;
      }
      String w = ws.get(random.nextInt(ws.size()));
      if (lower.add(KeywordHasher.lowerCase(w))) {
        used.add(i);
        words.add(w);
      }
    }
    if (words.size() < 2) {
      return Optional.empty();
    }
    String name = String.join(String.valueOf(template.separator()), words)
        + (template.extension().isEmpty() ? "" : "." + template.extension());
    return Optional.of(SharedFile.complete(new KadId(random.nextLong(), random.nextLong()), name,
        phantomSize()));
  }

  /**
   * A phantom file for a source publish only (no vocabulary): a source publish carries no name
   * (SOURCETYPE, SOURCEDEST, FLAGS, FILESIZE, ENCRYPTION; imule-wire.md §12.1), so the name
   * here never leaves the node.
   */
  public SharedFile phantomSource() {
    return SharedFile.complete(new KadId(random.nextLong(), random.nextLong()), "-",
        phantomSize());
  }

  private long phantomSize() {
    return 100_000 + (random.nextLong() & ((1L << 31) - 1));
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
