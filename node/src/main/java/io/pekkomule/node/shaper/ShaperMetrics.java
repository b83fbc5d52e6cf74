package io.pekkomule.node.shaper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The shaper's meters. Names are stable API (Prometheus form in brackets): {@code shaper.intents}
 * [shaper_intents_total{class,origin}], {@code shaper.sent} [shaper_sent_total{class,family}],
 * {@code shaper.dropped} [shaper_dropped_total{reason}], {@code shaper.deferred}
 * [shaper_deferred_total{reason}], {@code shaper.cover} [shaper_cover_total{outcome}], {@code
 * shaper.delay} [shaper_delay_seconds{class}], {@code shaper.lateness} [shaper_lateness_seconds],
 * gauges {@code shaper.queued} [shaper_queued], {@code shaper.input.queued}
 * [shaper_input_queued] (the graph's input queue) and {@code shaper.peer.buckets}
 * [shaper_peer_buckets]. Every meter is resolved once here: per packet the shaper only increments.
 */
public final class ShaperMetrics {
  /** Why an intent was not sent. */
  public enum DropReason {
    /** The actors' input queue was full (the graph is not keeping up). */
    INPUT_FULL,
    /** The shaper's own bounded store was full. */
    QUEUE_FULL,
    /** The semantic deadline was shorter than the class floor: it could never go out in time. */
    DEADLINE_UNREACHABLE,
    /** The deadline passed while the intent was held back by a cap or slot. */
    DEADLINE,
    /** The node stopped with the intent still queued. */
    SHUTDOWN
  }

  /** Why an intent was held back past its drawn due time. */
  public enum DeferReason {
    PEER_CAP,
    GLOBAL_CAP,
    SLOT
  }

  /** What happened to a cover opportunity. */
  public enum CoverOutcome {
    QUEUED,
    SENT_IN_SLOT,
    EMPTY,
    CAPPED
  }

  private final MeterRegistry registry;
  private final EnumMap<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final EnumMap<DeferReason, Counter> deferred = new EnumMap<>(DeferReason.class);
  private final EnumMap<CoverOutcome, Counter> cover = new EnumMap<>(CoverOutcome.class);
  private final Counter[][] intents = new Counter[UrgencyClass.values().length][Origin.values().length];
  private final Counter[][] sent =
      new Counter[UrgencyClass.values().length][OpcodeFamily.values().length];
  private final EnumMap<UrgencyClass, Timer> delay = new EnumMap<>(UrgencyClass.class);
  private final Timer lateness;
  /** Every shaper's queue depth (a lab's nodes share one set of meters). */
  private final java.util.List<Supplier<Number>> queuedSources = new java.util.ArrayList<>();
  private volatile ShaperAlarms alarms;

  public ShaperMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (DropReason r : DropReason.values()) {
      dropped.put(r, Counter.builder("shaper.dropped").tag("reason", key(r)).register(registry));
    }
    for (DeferReason r : DeferReason.values()) {
      deferred.put(r, Counter.builder("shaper.deferred").tag("reason", key(r)).register(registry));
    }
    for (CoverOutcome o : CoverOutcome.values()) {
      cover.put(o, Counter.builder("shaper.cover").tag("outcome", key(o)).register(registry));
    }
    for (UrgencyClass c : UrgencyClass.values()) {
      for (Origin o : Origin.values()) {
        intents[c.ordinal()][o.ordinal()] =
            Counter.builder("shaper.intents").tag("class", c.key()).tag("origin", o.key())
                .register(registry);
      }
      for (OpcodeFamily f : OpcodeFamily.values()) {
        sent[c.ordinal()][f.ordinal()] =
            Counter.builder("shaper.sent").tag("class", c.key()).tag("family", f.key())
                .register(registry);
      }
      delay.put(c, Timer.builder("shaper.delay").tag("class", c.key())
          .description("enqueue to transmit").publishPercentileHistogram()
          // the longest class ceiling (maximum level, opportunistic) must land in a bucket too
          .maximumExpectedValue(java.time.Duration.ofMinutes(5)).register(registry));
    }
    lateness = Timer.builder("shaper.lateness").description("transmit minus scheduled time")
        .publishPercentileHistogram().register(registry);
  }

  /** Meters in a private in-memory registry (harnesses, tests). */
  public static ShaperMetrics inMemory() {
    return new ShaperMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  private static String key(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }

  void gauges(Supplier<Number> queued, Supplier<Number> peerBuckets) {
    synchronized (queuedSources) {
      queuedSources.add(queued);
    }
    Gauge.builder("shaper.queued", queued).strongReference(true).register(registry);
    Gauge.builder("shaper.peer.buckets", peerBuckets).strongReference(true).register(registry);
  }

  void intent(UrgencyClass c, Origin o) {
    intents[c.ordinal()][o.ordinal()].increment();
  }

  void dropped(DropReason r) {
    dropped.get(r).increment();
  }

  void deferred(DeferReason r) {
    deferred.get(r).increment();
  }

  void cover(CoverOutcome o) {
    cover.get(o).increment();
  }

  void sent(UrgencyClass c, OpcodeFamily f, long delayNanos, long latenessNanos) {
    sent[c.ordinal()][f.ordinal()].increment();
    delay.get(c).record(delayNanos, TimeUnit.NANOSECONDS);
    lateness.record(Math.max(0, latenessNanos), TimeUnit.NANOSECONDS);
  }

  /** Feeds {@code a} the delays drawn from a class's full law ({@link ShaperAlarms}). */
  void attach(ShaperAlarms a) {
    this.alarms = a;
  }

  /** A sent intent whose delay was drawn from its class's whole distribution (not cover). */
  void sampled(UrgencyClass c, long delayNanos) {
    ShaperAlarms a = alarms;
    if (a != null) {
      a.observeDelay(c, delayNanos);
    }
  }

  /** Intents held now by every shaper writing to these meters. */
  public long queuedNow() {
    long n = 0;
    synchronized (queuedSources) {
      for (Supplier<Number> s : queuedSources) {
        n += s.get().longValue();
      }
    }
    return n;
  }

  /** Intents received, all classes and origins, since start. */
  public double intentsTotal() {
    double n = 0;
    for (Counter[] row : intents) {
      for (Counter c : row) {
        n += c.count();
      }
    }
    return n;
  }

  /** Datagrams sent, all classes and families, since start. */
  public double sentTotal() {
    double n = 0;
    for (Counter[] row : sent) {
      for (Counter c : row) {
        n += c.count();
      }
    }
    return n;
  }

  public double droppedCount(DropReason r) {
    return dropped.get(r).count();
  }

  public double deferredCount(DeferReason r) {
    return deferred.get(r).count();
  }

  public double coverCount(CoverOutcome o) {
    return cover.get(o).count();
  }
}
