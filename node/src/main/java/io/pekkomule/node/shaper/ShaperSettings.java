package io.pekkomule.node.shaper;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Validated shaper settings (HOCON root {@code pekko-mule.shaper}, file conf/shaper.conf). All
 * bounds are fixed here so that no configuration can take the node outside iMule's timing
 * envelope or above half of iMule's flood limits.
 */
public record ShaperSettings(
    PrivacyLevel privacyLevel,
    Map<UrgencyClass, ClassProfile> classes,
    int shuffleBuffer,
    int maxQueued,
    int inputBuffer,
    Caps caps,
    double coverPerMinute,
    boolean constantRate,
    double slotsPerSecond,
    Duration tick) {

  public static final String ROOT = "pekko-mule.shaper";

  /** Delay range and hard age limit of one urgency class. */
  public record ClassProfile(
      Duration floor, Duration ceiling, double shapeA, double shapeB, Duration maxAge) {
    public DelayDistribution distribution() {
      return new DelayDistribution(floor.toNanos(), ceiling.toNanos(), shapeA, shapeB);
    }

    /** Same shape, the range multiplied by {@code f} (harness runs on compressed time). */
    public ClassProfile scaled(double f) {
      return new ClassProfile(
          Duration.ofNanos(Math.round(floor.toNanos() * f)),
          Duration.ofNanos(Math.round(ceiling.toNanos() * f)),
          shapeA,
          shapeB,
          Duration.ofNanos(Math.round(maxAge.toNanos() * f)));
    }
  }

  /** Fixed rate caps; see {@link RateCaps}. */
  public record Caps(
      Map<OpcodeFamily, Integer> perPeerPerMinute,
      Map<OpcodeFamily, Integer> globalPerMinute,
      int totalPerMinute,
      int globalBurst,
      double releaseJitter) {
    /** Same per-peer caps, every global cap set to {@code perMinute} (benchmarks only). */
    public Caps withGlobal(int perMinute) {
      EnumMap<OpcodeFamily, Integer> g = new EnumMap<>(OpcodeFamily.class);
      for (OpcodeFamily f : OpcodeFamily.values()) {
        g.put(f, perMinute);
      }
      return new Caps(perPeerPerMinute, g, perMinute, globalBurst, releaseJitter);
    }
  }

  public DelayDistribution distribution(UrgencyClass c) {
    return classes.get(c).distribution();
  }

  public ShaperSettings withCaps(Caps c) {
    return new ShaperSettings(privacyLevel, classes, shuffleBuffer, maxQueued, inputBuffer, c,
        coverPerMinute, constantRate, slotsPerSecond, tick);
  }

  public ShaperSettings withTick(Duration t) {
    return new ShaperSettings(privacyLevel, classes, shuffleBuffer, maxQueued, inputBuffer, caps,
        coverPerMinute, constantRate, slotsPerSecond, t);
  }

  public ShaperSettings withCover(double perMinute) {
    return new ShaperSettings(privacyLevel, classes, shuffleBuffer, maxQueued, inputBuffer, caps,
        perMinute, constantRate, slotsPerSecond, tick);
  }

  public ShaperSettings withQueues(int maxQueued, int inputBuffer) {
    return new ShaperSettings(privacyLevel, classes, shuffleBuffer, maxQueued, inputBuffer, caps,
        coverPerMinute, constantRate, slotsPerSecond, tick);
  }

  /** Every class range multiplied by {@code f} (harnesses on compressed wall time). */
  public ShaperSettings withTimeScale(double f) {
    EnumMap<UrgencyClass, ClassProfile> m = new EnumMap<>(UrgencyClass.class);
    classes.forEach((k, v) -> m.put(k, v.scaled(f)));
    return new ShaperSettings(privacyLevel, m, shuffleBuffer, maxQueued, inputBuffer, caps,
        coverPerMinute, constantRate, slotsPerSecond * (1 / f), tick);
  }

  // ---------------------------------------------------------------- loading

  /** conf/shaper.conf as shipped in the jar, with system-property and environment overrides. */
  public static Config defaultConfig() {
    return ConfigFactory.systemProperties()
        .withFallback(ConfigFactory.parseResources("conf/shaper.conf"))
        .resolve();
  }

  /** A HOCON file on disk layered over the shipped defaults. */
  public static Config fileConfig(Path file) {
    if (!Files.isReadable(file)) {
      throw new ShaperConfigException(file.toString(), "file not readable");
    }
    return ConfigFactory.systemProperties()
        .withFallback(ConfigFactory.parseFile(file.toFile()))
        .withFallback(ConfigFactory.parseResources("conf/shaper.conf"))
        .resolve();
  }

  public static ShaperSettings defaults() {
    return fromConfig(defaultConfig());
  }

  /** Reads and validates {@code pekko-mule.shaper} (and the scheduler tick) from a root config. */
  public static ShaperSettings fromConfig(Config root) {
    if (!root.hasPath(ROOT)) {
      throw new ShaperConfigException(ROOT, "missing");
    }
    Config s = root.getConfig(ROOT);
    Reader r = new Reader(ROOT);
    PrivacyLevel level;
    try {
      level = PrivacyLevel.parse(r.string(s, "privacy-level"));
    } catch (IllegalArgumentException e) {
      throw new ShaperConfigException(ROOT + ".privacy-level", e.getMessage());
    }
    String levelPath = "levels." + level.key();
    if (!s.hasPath(levelPath)) {
      throw new ShaperConfigException(ROOT + "." + levelPath, "missing");
    }
    Config eff = s.withoutPath("levels").withFallback(s.getConfig(levelPath));

    Duration tick = Duration.ofMillis(10);
    if (root.hasPath("pekko.scheduler.tick-duration")) {
      tick = root.getDuration("pekko.scheduler.tick-duration");
    }
    if (tick.toNanos() < 1_000_000 || tick.toMillis() > 100) {
      throw new ShaperConfigException("pekko.scheduler.tick-duration", "must be in [1ms, 100ms]");
    }

    EnumMap<UrgencyClass, ClassProfile> classes = new EnumMap<>(UrgencyClass.class);
    // bounds: {floor min, floor max, ceiling max, max-age max}; interactive stays well inside the
    // requester's patience (p99 <= 10 s, never >= 30 s).
    long[][] bounds = {
      {50, 2_000, 10_000, 29_000},
      {100, 30_000, 120_000, 600_000},
      {100, 60_000, 300_000, 3_600_000}
    };
    for (UrgencyClass c : UrgencyClass.values()) {
      String p = "classes." + c.key();
      long[] b = bounds[c.ordinal()];
      Duration floor = r.duration(eff, p + ".floor", Duration.ofMillis(b[0]), Duration.ofMillis(b[1]));
      if (floor.toNanos() < 2 * tick.toNanos()) {
        throw new ShaperConfigException(
            r.key(p + ".floor"), "must be at least two scheduler ticks (" + tick.toMillis() * 2 + "ms)");
      }
      Duration ceiling =
          r.duration(eff, p + ".ceiling", floor.plusMillis(1), Duration.ofMillis(b[2]));
      double a = r.dbl(eff, p + ".shape-a", 0.5, 10);
      double bb = r.dbl(eff, p + ".shape-b", 0.5, 10);
      Duration maxAge = r.duration(eff, p + ".max-age", ceiling, Duration.ofMillis(b[3]));
      classes.put(c, new ClassProfile(floor, ceiling, a, bb, maxAge));
    }

    int shuffle = r.integer(eff, "shuffle-buffer", 2, 4096);
    int maxQueued = r.integer(eff, "max-queued", 16, 1_000_000);
    int input = r.integer(eff, "input-buffer", 16, 65_536);

    EnumMap<OpcodeFamily, Integer> perPeer = new EnumMap<>(OpcodeFamily.class);
    EnumMap<OpcodeFamily, Integer> global = new EnumMap<>(OpcodeFamily.class);
    for (OpcodeFamily f : OpcodeFamily.values()) {
      int max =
          f.imuleInboundPerMinute() > 0
              ? f.imuleInboundPerMinute() / 2
              : (f == OpcodeFamily.REPLY ? 60 : 10);
      perPeer.put(f, r.integer(eff, "caps.per-peer-per-minute." + f.key(), 1, max));
      global.put(f, r.integer(eff, "caps.global-per-minute." + f.key(), 1, 600_000));
    }
    int total = r.integer(eff, "caps.total-per-minute", 1, 600_000);
    int burst = r.integer(eff, "caps.global-burst", 1, 1_000);
    double jitter = r.dbl(eff, "caps.release-jitter", 0, 1);

    double cover = r.dbl(eff, "cover.per-minute", 0, 600);
    boolean cr = r.bool(eff, "constant-rate.enabled");
    double slots = r.dbl(eff, "constant-rate.slots-per-second", 0.05, 50);

    return new ShaperSettings(
        level,
        classes,
        shuffle,
        maxQueued,
        input,
        new Caps(perPeer, global, total, burst, jitter),
        cover,
        cr,
        slots,
        tick);
  }

  /** Typed reads that turn every problem into an exception naming the full key. */
  private record Reader(String prefix) {
    String key(String p) {
      return prefix + "." + p;
    }

    private <T> T get(String p, java.util.function.Supplier<T> s) {
      try {
        return s.get();
      } catch (ConfigException.Missing e) {
        throw new ShaperConfigException(key(p), "missing");
      } catch (ConfigException e) {
        throw new ShaperConfigException(key(p), e.getMessage());
      }
    }

    String string(Config c, String p) {
      return get(p, () -> c.getString(p));
    }

    boolean bool(Config c, String p) {
      return get(p, () -> c.getBoolean(p));
    }

    int integer(Config c, String p, int min, int max) {
      int v = get(p, () -> c.getInt(p));
      if (v < min || v > max) {
        throw new ShaperConfigException(key(p), "must be in [" + min + ", " + max + "], got " + v);
      }
      return v;
    }

    double dbl(Config c, String p, double min, double max) {
      double v = get(p, () -> c.getDouble(p));
      if (!(v >= min && v <= max)) {
        throw new ShaperConfigException(key(p), "must be in [" + min + ", " + max + "], got " + v);
      }
      return v;
    }

    Duration duration(Config c, String p, Duration min, Duration max) {
      Duration v = get(p, () -> c.getDuration(p));
      if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
        throw new ShaperConfigException(
            key(p), "must be in [" + min.toMillis() + "ms, " + max.toMillis() + "ms], got " + v.toMillis() + "ms");
      }
      return v;
    }
  }
}
