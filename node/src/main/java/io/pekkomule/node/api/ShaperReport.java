package io.pekkomule.node.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.pekkomule.node.shaper.DelayDistribution;
import io.pekkomule.node.shaper.ShaperAlarms;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/shaper}: the shaper's meters (read from the registry by their stable names,
 * see {@link ShaperMetrics}) beside the configured delay distribution of each urgency class, so a
 * UI can overlay measured delays on the intended ones. Counts are totals since the node started.
 *
 * @param queued intents held by the shaper now (gauge {@code shaper_queued})
 * @param inputQueued intents in the graph's input queue, not yet taken in (gauge {@code
 *     shaper_input_queued})
 * @param peerBuckets per-peer rate buckets in use (gauge {@code shaper_peer_buckets})
 * @param dropped intents not sent, by reason
 * @param deferred intents held past their due time, by reason
 * @param capsHit rate-cap hits: {@code peer_cap} and {@code global_cap} deferrals, {@code
 *     cover_capped} cover opportunities lost to a cap
 * @param classes per urgency class, keyed {@code interactive}, {@code routine}, {@code
 *     opportunistic}
 * @param alarms the shaper alarms raised now ({@link ShaperAlarms})
 */
public record ShaperReport(
    String privacyLevel,
    boolean constantRate,
    double slotsPerSecond,
    long queued,
    long inputQueued,
    long peerBuckets,
    Map<String, Long> dropped,
    Map<String, Long> deferred,
    Map<String, Long> capsHit,
    Cover cover,
    Map<String, ClassReport> classes,
    List<ShaperAlarms.Active> alarms) {

  /** Points in each class's {@code cdf}. */
  static final int CDF_POINTS = 41;

  /**
   * Cover traffic.
   *
   * @param observedPerMinute cover intents queued or sent in a slot, per minute of uptime
   * @param outcomes cover opportunities by outcome
   */
  public record Cover(double configuredPerMinute, double observedPerMinute, Map<String, Long> outcomes) {}

  /**
   * One urgency class.
   *
   * @param intents intents received (all origins)
   * @param sent intents transmitted (all opcode families)
   */
  public record ClassReport(long intents, long sent, Delay delay, Distribution distribution) {}

  /**
   * Measured enqueue-to-transmit delay ({@code shaper_delay_seconds{class}}).
   *
   * @param recentMaxSeconds Micrometer's decaying maximum (about the last two minutes)
   * @param histogram cumulative counts: observations at most {@code leSeconds}, Prometheus
   *     style; delays above the last bound count only in {@code count}
   */
  public record Delay(
      long count, double sumSeconds, double meanSeconds, double recentMaxSeconds, List<Bucket> histogram) {}

  /** One histogram bound. */
  public record Bucket(double leSeconds, long count) {}

  /**
   * The configured distribution: {@code floor + (ceiling - floor) * X}, X ~ Kumaraswamy(a, b).
   *
   * @param cdf P(delay <= seconds) at evenly spaced points from floor to ceiling
   */
  public record Distribution(
      double floorSeconds,
      double ceilingSeconds,
      double shapeA,
      double shapeB,
      double maxAgeSeconds,
      double meanSeconds,
      List<Point> cdf) {}

  /** One point of a CDF. */
  public record Point(double seconds, double p) {}

  /**
   * The few shaper numbers of {@code GET /api/v1/status}.
   *
   * @param alarms names of the shaper alarms raised now
   */
  public record Summary(long queued, long sent, long dropped, long deferred, long cover,
      List<String> alarms) {}

  public static ShaperReport of(MeterRegistry registry, ShaperSettings settings, Duration uptime) {
    return of(registry, settings, uptime, List.of());
  }

  public static ShaperReport of(MeterRegistry registry, ShaperSettings settings, Duration uptime,
      List<ShaperAlarms.Active> alarms) {
    Map<String, Long> dropped = new LinkedHashMap<>();
    for (ShaperMetrics.DropReason r : ShaperMetrics.DropReason.values()) {
      dropped.put(ApiJson.key(r), count(registry, "shaper.dropped", "reason", ApiJson.key(r)));
    }
    Map<String, Long> deferred = new LinkedHashMap<>();
    for (ShaperMetrics.DeferReason r : ShaperMetrics.DeferReason.values()) {
      deferred.put(ApiJson.key(r), count(registry, "shaper.deferred", "reason", ApiJson.key(r)));
    }
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (ShaperMetrics.CoverOutcome o : ShaperMetrics.CoverOutcome.values()) {
      outcomes.put(ApiJson.key(o), count(registry, "shaper.cover", "outcome", ApiJson.key(o)));
    }
    Map<String, Long> caps = new LinkedHashMap<>();
    caps.put("peer_cap", deferred.get(ApiJson.key(ShaperMetrics.DeferReason.PEER_CAP)));
    caps.put("global_cap", deferred.get(ApiJson.key(ShaperMetrics.DeferReason.GLOBAL_CAP)));
    caps.put("cover_capped", outcomes.get(ApiJson.key(ShaperMetrics.CoverOutcome.CAPPED)));

    double minutes = Math.max(uptime.toMillis(), 1) / 60_000.0;
    long coverSent = outcomes.get(ApiJson.key(ShaperMetrics.CoverOutcome.QUEUED))
        + outcomes.get(ApiJson.key(ShaperMetrics.CoverOutcome.SENT_IN_SLOT));
    Cover cover = new Cover(settings.coverPerMinute(), coverSent / minutes, outcomes);

    Map<String, ClassReport> classes = new LinkedHashMap<>();
    for (UrgencyClass c : UrgencyClass.values()) {
      classes.put(c.key(), new ClassReport(
          sum(registry, "shaper.intents", c), sum(registry, "shaper.sent", c),
          delay(registry.find("shaper.delay").tag("class", c.key()).timer()),
          distribution(settings.classes().get(c))));
    }
    return new ShaperReport(
        settings.privacyLevel().key(),
        settings.constantRate(),
        settings.slotsPerSecond(),
        gauge(registry, "shaper.queued"),
        gauge(registry, "shaper.input.queued"),
        gauge(registry, "shaper.peer.buckets"),
        dropped,
        deferred,
        caps,
        cover,
        classes,
        List.copyOf(alarms));
  }

  /** The status page's numbers, without histograms. */
  public static Summary summary(MeterRegistry registry) {
    return summary(registry, List.of());
  }

  public static Summary summary(MeterRegistry registry, List<ShaperAlarms.Active> alarms) {
    long sent = 0;
    for (UrgencyClass c : UrgencyClass.values()) {
      sent += sum(registry, "shaper.sent", c);
    }
    long dropped = registry.find("shaper.dropped").counters().stream()
        .mapToLong(x -> Math.round(x.count())).sum();
    long deferred = registry.find("shaper.deferred").counters().stream()
        .mapToLong(x -> Math.round(x.count())).sum();
    long cover = count(registry, "shaper.cover", "outcome", ApiJson.key(ShaperMetrics.CoverOutcome.QUEUED))
        + count(registry, "shaper.cover", "outcome", ApiJson.key(ShaperMetrics.CoverOutcome.SENT_IN_SLOT));
    return new Summary(gauge(registry, "shaper.queued"), sent, dropped, deferred, cover,
        alarms.stream().map(ShaperAlarms.Active::alarm).toList());
  }

  private static long count(MeterRegistry r, String name, String tag, String value) {
    Counter c = r.find(name).tag(tag, value).counter();
    return c == null ? 0 : Math.round(c.count());
  }

  private static long sum(MeterRegistry r, String name, UrgencyClass c) {
    return r.find(name).tag("class", c.key()).counters().stream()
        .mapToLong(x -> Math.round(x.count())).sum();
  }

  private static long gauge(MeterRegistry r, String name) {
    Gauge g = r.find(name).gauge();
    return g == null || Double.isNaN(g.value()) ? 0 : Math.round(g.value());
  }

  private static Delay delay(Timer t) {
    if (t == null) {
      return new Delay(0, 0, 0, 0, List.of());
    }
    HistogramSnapshot s = t.takeSnapshot();
    List<Bucket> buckets = new ArrayList<>();
    for (CountAtBucket b : s.histogramCounts()) {
      if (Double.isFinite(b.bucket())) {
        buckets.add(new Bucket(b.bucket(TimeUnit.SECONDS), Math.round(b.count())));
      }
    }
    return new Delay(s.count(), s.total(TimeUnit.SECONDS), s.mean(TimeUnit.SECONDS),
        s.max(TimeUnit.SECONDS), buckets);
  }

  private static Distribution distribution(ShaperSettings.ClassProfile p) {
    DelayDistribution d = p.distribution();
    double floor = d.floorNanos();
    double span = d.ceilingNanos() - floor;
    List<Point> cdf = new ArrayList<>(CDF_POINTS);
    for (int i = 0; i < CDF_POINTS; i++) {
      double nanos = floor + span * i / (CDF_POINTS - 1);
      cdf.add(new Point(nanos / 1e9, d.cdf(nanos)));
    }
    return new Distribution(floor / 1e9, d.ceilingNanos() / 1e9, d.shapeA(), d.shapeB(),
        p.maxAge().toNanos() / 1e9, d.meanNanos() / 1e9, cdf);
  }
}
