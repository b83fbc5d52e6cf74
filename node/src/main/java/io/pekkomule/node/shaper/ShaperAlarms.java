package io.pekkomule.node.shaper;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shaper alarms: conditions an operator or researcher should see, raised and cleared with
 * hysteresis so that a single bad minute does not flap (docs/shaper.md, "Alarms").
 *
 * <p>Every {@link Settings#checkEvery} the owner calls {@link #evaluate(Instant)}: it reads the
 * shaper's counters ({@link ShaperMetrics}) and the queue depth, takes the differences over a
 * sliding window of {@link Settings#windowChecks} checks, and runs one hysteresis per alarm: an
 * alarm is raised after {@link Settings#raiseChecks} consecutive checks at or beyond its raise
 * threshold and cleared after {@link Settings#clearChecks} consecutive checks at or below its clear
 * threshold (values in between keep the current state). Each transition goes to the listener
 * (the API turns it into {@code shaper_alarm_raised} / {@code shaper_alarm_cleared} events) and
 * into the meters {@code shaper_alarm_active{alarm}} (0/1) and {@code
 * shaper_alarms_raised_total{alarm}}.
 *
 * <p>The alarms ({@link Alarm}):
 *
 * <ul>
 *   <li>{@code queue_depth}: intents held, as a fraction of {@code max-queued}.
 *   <li>{@code queue_drops}: intents dropped because the input queue or the shaper's store was
 *       full, in the window (any is bad).
 *   <li>{@code deadline_drops}: intents that expired (deadline passed, or shorter than the class
 *       floor) as a fraction of the intents of the window.
 *   <li>{@code peer_cap} / {@code global_cap}: per-peer / global cap deferrals per datagram sent in
 *       the window: a cap hit persistently means the node wants to send more than iMule would.
 *   <li>{@code cover_rate} (only for a shaper with a cover generator): cover queued or sent in a
 *       slot per minute against {@code
 *       cover.per-minute}, over the longer cover window; the value is the factor by which it is off, either way (1 on
 *       target, 2 for half or double the rate).
 *   <li>{@code delay_drift_<class>}: a Kolmogorov-Smirnov test of the class's last {@link
 *       Settings#ksWindow} enqueue-to-transmit delays against the configured distribution; the
 *       value is λ = D·√n (1.36: p = 0.05, 1.95: p = 0.001). Only delays drawn from the full
 *       distribution count (not cover, not intents whose deadline cut the distribution short);
 *       cap deferrals do count: a cap that bends the delay law is what this alarm is for. Off in
 *       constant-rate mode, where slots, not the law, set the delay.
 * </ul>
 *
 * <p>Thread-safe: delays arrive from the shaper's stream, {@link #evaluate} from a timer, reads
 * from HTTP threads.
 */
public final class ShaperAlarms {

  /** The alarms; {@link #key()} is the stable name (JSON, SSE, metric tag). */
  public enum Alarm {
    QUEUE_DEPTH,
    QUEUE_DROPS,
    DEADLINE_DROPS,
    PEER_CAP,
    GLOBAL_CAP,
    COVER_RATE,
    DELAY_DRIFT_INTERACTIVE,
    DELAY_DRIFT_ROUTINE,
    DELAY_DRIFT_OPPORTUNISTIC;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Alarm drift(UrgencyClass c) {
      return switch (c) {
        case INTERACTIVE -> DELAY_DRIFT_INTERACTIVE;
        case ROUTINE -> DELAY_DRIFT_ROUTINE;
        case OPPORTUNISTIC -> DELAY_DRIFT_OPPORTUNISTIC;
      };
    }
  }

  /**
   * An alarm now raised.
   *
   * @param since when it was raised
   * @param value the latest measured value
   * @param threshold the raise threshold it crossed
   */
  public record Active(String alarm, Instant since, String message, double value, double threshold) {}

  /** A raise or a clear, as it happens. */
  public record Transition(
      Instant at, String alarm, boolean raised, String message, double value, double threshold) {}

  /** One alarm's thresholds. {@code raise} and {@code clear} compare the alarm's value. */
  public record Threshold(double raise, double clear) {
    public Threshold {
      if (!(clear <= raise)) {
        throw new IllegalArgumentException("clear threshold above raise threshold");
      }
    }
  }

  /**
   * @param checkEvery how often the owner calls {@link #evaluate}
   * @param windowChecks counters are compared over this many checks (a sliding window)
   * @param coverWindowChecks the cover rate's longer window (cover is about one a minute)
   * @param raiseChecks consecutive bad checks that raise an alarm
   * @param clearChecks consecutive good checks that clear it
   * @param ksWindow delays kept per class for the KS test
   * @param ksMinSamples fewer delays than this: no drift verdict
   */
  public record Settings(
      boolean enabled,
      Duration checkEvery,
      int windowChecks,
      int coverWindowChecks,
      int raiseChecks,
      int clearChecks,
      Threshold queueDepth,
      Threshold queueDrops,
      Threshold deadlineDrops,
      int deadlineMinDrops,
      Threshold peerCap,
      Threshold globalCap,
      Threshold coverOffFactor,
      int ksWindow,
      int ksMinSamples,
      Threshold ksLambda) {

    public static final String ROOT = "pekko-mule.shaper.alarms";

    /** The shipped defaults (conf/shaper.conf). */
    public static final Settings DEFAULTS = new Settings(true, Duration.ofSeconds(10), 6, 60, 3,
        6, new Threshold(0.5, 0.25), new Threshold(1, 0), new Threshold(0.01, 0.001), 3,
        new Threshold(0.25, 0.10), new Threshold(0.05, 0.01), new Threshold(2.0, 1.33), 256, 64,
        new Threshold(1.95, 1.36));

    public Settings {
      Objects.requireNonNull(checkEvery, "checkEvery");
      if (windowChecks < 1 || coverWindowChecks < 1 || raiseChecks < 1 || clearChecks < 1
          || ksWindow < 8 || ksMinSamples < 8 || ksMinSamples > ksWindow) {
        throw new IllegalArgumentException("alarm windows and counts must be positive");
      }
      if (coverOffFactor.clear() < 1) {
        throw new IllegalArgumentException("cover factors must be at least 1");
      }
    }

    /** Reads {@code pekko-mule.shaper.alarms} (every key optional, defaults above). */
    public static Settings fromConfig(Config root) {
      if (!root.hasPath(ROOT)) {
        return DEFAULTS;
      }
      Config c = root.getConfig(ROOT);
      Settings d = DEFAULTS;
      try {
        return new Settings(
            c.hasPath("enabled") ? c.getBoolean("enabled") : d.enabled,
            c.hasPath("check-every") ? c.getDuration("check-every") : d.checkEvery,
            c.hasPath("window-checks") ? c.getInt("window-checks") : d.windowChecks,
            c.hasPath("cover-window-checks") ? c.getInt("cover-window-checks") : d.coverWindowChecks,
            c.hasPath("raise-after-checks") ? c.getInt("raise-after-checks") : d.raiseChecks,
            c.hasPath("clear-after-checks") ? c.getInt("clear-after-checks") : d.clearChecks,
            threshold(c, "queue-depth", d.queueDepth),
            threshold(c, "queue-drops", d.queueDrops),
            threshold(c, "deadline-drops", d.deadlineDrops),
            c.hasPath("deadline-drops.min-drops") ? c.getInt("deadline-drops.min-drops")
                : d.deadlineMinDrops,
            threshold(c, "peer-cap", d.peerCap),
            threshold(c, "global-cap", d.globalCap),
            threshold(c, "cover-off-factor", d.coverOffFactor),
            c.hasPath("ks.window") ? c.getInt("ks.window") : d.ksWindow,
            c.hasPath("ks.min-samples") ? c.getInt("ks.min-samples") : d.ksMinSamples,
            threshold(c, "ks", d.ksLambda));
      } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
        throw new ShaperConfigException(ROOT, e.getMessage());
      }
    }

    private static Threshold threshold(Config c, String path, Threshold d) {
      double raise = c.hasPath(path + ".raise") ? c.getDouble(path + ".raise") : d.raise();
      double clear = c.hasPath(path + ".clear") ? c.getDouble(path + ".clear") : d.clear();
      if (clear > raise) {
        throw new IllegalArgumentException(
            path + ".clear (" + clear + ") must not be above " + path + ".raise (" + raise + ")");
      }
      return new Threshold(raise, clear);
    }
  }

  /** Counter readings at one check. */
  private record Reading(double intents, double sent, double queueDrops, double deadlineDrops,
      double peerCap, double globalCap, double cover, double coverLost, Instant at) {}

  /** One alarm's hysteresis. */
  private static final class State {
    final Alarm alarm;
    boolean active;
    int bad;
    int good;
    Instant since;
    String message = "";
    double value;
    double threshold;

    State(Alarm alarm) {
      this.alarm = alarm;
    }
  }

  /** The last {@code size} delays of one class. */
  private static final class Ring {
    final long[] values;
    int next;
    int count;
    long added;

    Ring(int size) {
      values = new long[size];
    }

    void add(long v) {
      values[next] = v;
      next = (next + 1) % values.length;
      count = Math.min(count + 1, values.length);
      added++;
    }

    long[] snapshot() {
      return Arrays.copyOf(values, count);
    }
  }

  private final Settings settings;
  private final ShaperSettings shaper;
  private final ShaperMetrics metrics;
  private final Consumer<Transition> listener;
  private final EnumMap<Alarm, State> states = new EnumMap<>(Alarm.class);
  private final EnumMap<UrgencyClass, Ring> delays = new EnumMap<>(UrgencyClass.class);
  private final EnumMap<UrgencyClass, double[]> ks = new EnumMap<>(UrgencyClass.class);
  private final ArrayDeque<Reading> history = new ArrayDeque<>();
  private final EnumMap<Alarm, Counter> raisedCounters = new EnumMap<>(Alarm.class);
  private final boolean shaperCover;

  /**
   * @param metrics the shaper's meters: counters are read from it, and it feeds this object the
   *     delays (attached here)
   * @param listener told every raise and clear (from the thread calling {@link #evaluate})
   */
  public ShaperAlarms(Settings settings, ShaperSettings shaper, ShaperMetrics metrics,
      Consumer<Transition> listener) {
    this(settings, shaper, metrics, listener, true);
  }

  /**
   * @param shaperCover whether the shaper has a {@link CoverGenerator} filling its cover slots:
   *     without one ({@link CoverGenerator#NONE}, as {@code run} today: its cover traffic is the
   *     cover lookups one level up) {@code cover_rate} is not checked, it could only ever be raised
   */
  public ShaperAlarms(Settings settings, ShaperSettings shaper, ShaperMetrics metrics,
      Consumer<Transition> listener, boolean shaperCover) {
    this.shaperCover = shaperCover;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.shaper = Objects.requireNonNull(shaper, "shaper");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.listener = Objects.requireNonNull(listener, "listener");
    MeterRegistry registry = metrics.registry();
    for (Alarm a : Alarm.values()) {
      State s = new State(a);
      states.put(a, s);
      Gauge.builder("shaper.alarm.active", s, x -> x.active ? 1 : 0)
          .description("1 while the shaper alarm is raised").tag("alarm", a.key())
          .strongReference(true).register(registry);
      raisedCounters.put(a, Counter.builder("shaper.alarms.raised").tag("alarm", a.key())
          .register(registry));
    }
    for (UrgencyClass c : UrgencyClass.values()) {
      delays.put(c, new Ring(settings.ksWindow()));
      double[] last = {Double.NaN};
      ks.put(c, last);
      Gauge.builder("shaper.delay.ks", last, x -> x[0])
          .description("KS statistic D*sqrt(n) of the class's recent delays against its law")
          .tag("class", c.key()).strongReference(true).register(registry);
    }
    metrics.attach(this);
  }

  public Settings settings() {
    return settings;
  }

  /** One delay drawn from the class's full distribution (called by the shaper per send). */
  synchronized void observeDelay(UrgencyClass c, long delayNanos) {
    delays.get(c).add(delayNanos);
  }

  /** The alarms raised now, in {@link Alarm} order. */
  public synchronized List<Active> active() {
    List<Active> out = new ArrayList<>();
    for (State s : states.values()) {
      if (s.active) {
        out.add(new Active(s.alarm.key(), s.since, s.message, s.value, s.threshold));
      }
    }
    return out;
  }

  /** Runs every check at {@code now}; returns the transitions (also given to the listener). */
  public List<Transition> evaluate(Instant now) {
    List<Transition> out;
    synchronized (this) {
      out = check(now);
    }
    out.forEach(listener);
    return out;
  }

  private List<Transition> check(Instant now) {
    List<Transition> out = new ArrayList<>();
    Reading r = read(now);
    history.addLast(r);
    int keep = Math.max(settings.windowChecks(), settings.coverWindowChecks()) + 1;
    while (history.size() > keep) {
      history.removeFirst();
    }
    Reading w = windowStart(settings.windowChecks(), false);

    double depth = queued() / (double) shaper.maxQueued();
    step(out, now, Alarm.QUEUE_DEPTH, depth, settings.queueDepth(), String.format(Locale.ROOT,
        "%d intents held, %.0f%% of max-queued %d", queued(), depth * 100, shaper.maxQueued()));

    if (w != null) {
      double qd = r.queueDrops - w.queueDrops;
      step(out, now, Alarm.QUEUE_DROPS, qd, settings.queueDrops(), String.format(Locale.ROOT,
          "%.0f intents dropped in %ds: input queue or shaper store full", qd, seconds(w, r)));

      double intents = r.intents - w.intents;
      double dd = r.deadlineDrops - w.deadlineDrops;
      double ddFraction = dd < settings.deadlineMinDrops() ? Math.min(dd / Math.max(intents, 1),
          settings.deadlineDrops().clear()) : dd / Math.max(intents, 1);
      step(out, now, Alarm.DEADLINE_DROPS, ddFraction, settings.deadlineDrops(),
          String.format(Locale.ROOT, "%.0f of %.0f intents expired in %ds (deadline)", dd, intents,
              seconds(w, r)));

      double sent = Math.max(r.sent - w.sent, 1);
      double pc = (r.peerCap - w.peerCap) / sent;
      step(out, now, Alarm.PEER_CAP, pc, settings.peerCap(), String.format(Locale.ROOT,
          "%.0f per-peer cap deferrals for %.0f datagrams sent in %ds", r.peerCap - w.peerCap,
          r.sent - w.sent, seconds(w, r)));
      double gc = (r.globalCap - w.globalCap) / sent;
      step(out, now, Alarm.GLOBAL_CAP, gc, settings.globalCap(), String.format(Locale.ROOT,
          "%.0f global cap deferrals for %.0f datagrams sent in %ds", r.globalCap - w.globalCap,
          r.sent - w.sent, seconds(w, r)));
    }

    Reading cw = windowStart(settings.coverWindowChecks(), true);
    if (cw != null && shaperCover && shaper.coverPerMinute() > 0) {
      double minutes = Math.max(Duration.between(cw.at, r.at).toMillis(), 1) / 60_000.0;
      double observed = (r.cover - cw.cover) / minutes;
      double ratio = observed / shaper.coverPerMinute();
      // off by the factor either way; the value reported is the ratio itself
      double off = ratio <= 0 ? Double.POSITIVE_INFINITY : Math.max(ratio, 1 / ratio);
      step(out, now, Alarm.COVER_RATE, off, settings.coverOffFactor(), String.format(Locale.ROOT,
          "cover %.2f/min against %.2f/min configured (%.0f opportunities with no cover intent"
              + " or capped)", observed, shaper.coverPerMinute(), r.coverLost - cw.coverLost));
    }

    for (UrgencyClass c : UrgencyClass.values()) {
      Ring ring = delays.get(c);
      if (shaper.constantRate() || ring.count < settings.ksMinSamples()) {
        continue;
      }
      long[] sample = ring.snapshot();
      double d = ksStatistic(sample, shaper.distribution(c));
      double lambda = d * Math.sqrt(sample.length);
      ks.get(c)[0] = lambda;
      step(out, now, Alarm.drift(c), lambda, settings.ksLambda(), String.format(Locale.ROOT,
          "%s delays of the last %d sends differ from the configured law: KS D=%.3f, p=%.2g",
          c.key(), sample.length, d, kolmogorovP(lambda)));
    }
    return out;
  }

  private void step(List<Transition> out, Instant now, Alarm a, double value, Threshold t,
      String message) {
    State s = states.get(a);
    s.value = value;
    s.message = message;
    s.threshold = t.raise();
    if (!s.active) {
      s.bad = value >= t.raise() ? s.bad + 1 : 0;
      if (s.bad >= settings.raiseChecks()) {
        s.active = true;
        s.since = now;
        s.bad = 0;
        s.good = 0;
        raisedCounters.get(a).increment();
        out.add(new Transition(now, a.key(), true, message, value, t.raise()));
      }
    } else {
      s.good = value <= t.clear() ? s.good + 1 : 0;
      if (s.good >= settings.clearChecks()) {
        s.active = false;
        s.since = null;
        s.good = 0;
        s.bad = 0;
        out.add(new Transition(now, a.key(), false, message, value, t.raise()));
      }
    }
  }

  /**
   * The reading {@code checks} checks ago; while fewer were taken the oldest one ({@code
   * full}: null instead), and null when there is only the current one.
   */
  private Reading windowStart(int checks, boolean full) {
    if (history.size() <= checks && (full || history.size() < 2)) {
      return null;
    }
    int skip = Math.max(0, history.size() - 1 - checks);
    var it = history.iterator();
    for (int i = 0; i < skip; i++) {
      it.next();
    }
    return it.next();
  }

  private static long seconds(Reading from, Reading to) {
    return Duration.between(from.at, to.at).toSeconds();
  }

  private long queued() {
    return metrics.queuedNow();
  }

  private Reading read(Instant now) {
    return new Reading(metrics.intentsTotal(), metrics.sentTotal(),
        metrics.droppedCount(ShaperMetrics.DropReason.INPUT_FULL)
            + metrics.droppedCount(ShaperMetrics.DropReason.QUEUE_FULL),
        metrics.droppedCount(ShaperMetrics.DropReason.DEADLINE)
            + metrics.droppedCount(ShaperMetrics.DropReason.DEADLINE_UNREACHABLE),
        metrics.deferredCount(ShaperMetrics.DeferReason.PEER_CAP),
        metrics.deferredCount(ShaperMetrics.DeferReason.GLOBAL_CAP),
        metrics.coverCount(ShaperMetrics.CoverOutcome.QUEUED)
            + metrics.coverCount(ShaperMetrics.CoverOutcome.SENT_IN_SLOT),
        metrics.coverCount(ShaperMetrics.CoverOutcome.EMPTY)
            + metrics.coverCount(ShaperMetrics.CoverOutcome.CAPPED),
        now);
  }

  /** The two-sided KS statistic sup |F_n(x) − F(x)| of {@code sample} against {@code law}. */
  static double ksStatistic(long[] sample, DelayDistribution law) {
    long[] s = sample.clone();
    Arrays.sort(s);
    int n = s.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = law.cdf(s[i]);
      d = Math.max(d, Math.max((i + 1) / (double) n - f, f - i / (double) n));
    }
    return d;
  }

  /** The asymptotic Kolmogorov tail P(K > λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²). */
  static double kolmogorovP(double lambda) {
    if (lambda < 0.2) {
      return 1;
    }
    double sum = 0;
    for (int k = 1; k <= 100; k++) {
      double term = Math.exp(-2.0 * k * k * lambda * lambda);
      sum += (k % 2 == 1 ? term : -term);
      if (term < 1e-12) {
        break;
      }
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }
}
