package io.pekkomule.node.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The transport's counters, with names that stay stable for dashboards: {@code
 * transport_datagrams_total{direction,result}}, {@code transport_reconnects_total} and the gauge
 * {@code transport_session_up} (Prometheus names; Micrometer spells them with dots).
 */
public final class TransportMetrics {

  /** Which way a datagram went. */
  public enum Direction {
    IN,
    OUT;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What became of a datagram. */
  public enum Result {
    /** Delivered to the callback (in) or written to the router (out). */
    OK,
    /** Larger than the datagram limit (10,240 bytes, or the control-socket frame limit). */
    OVERSIZE,
    /** From a destination iMule cannot address (not a 387-byte DSA_SHA1/NULL-certificate one). */
    NON_DSA,
    /** A frame we could not parse. */
    MALFORMED,
    /** The bounded queue was full: in, the oldest was dropped; out, the new one was refused. */
    QUEUE_FULL,
    /** Waited longer than its maximum age for the session to come back. */
    EXPIRED,
    /** The write to the router failed (the session is then re-created). */
    ERROR;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One I2P tunnel message carries 1,024 bytes; a datagram payload up to this size is counted as
   * fitting "one 1 KB tunnel message" in {@link #shareAtMost1k}. (The repliable datagram adds 427
   * bytes of sender and signature, and garlic/I2NP framing adds more, so the wire needs more than
   * one tunnel message for the larger of these; docs/transport.md.)
   */
  public static final int ONE_KB = 1024;

  /** Bucket bounds of the size histogram, bytes. */
  private static final double[] SIZE_BUCKETS = {256, 512, 600, 1024, 2048, 4096, 8192, 10240};

  private final Map<Direction, Map<Result, Counter>> datagrams = new EnumMap<>(Direction.class);
  private final Map<Direction, DistributionSummary> sizes = new EnumMap<>(Direction.class);
  private final Map<Direction, java.util.concurrent.atomic.LongAdder> atMost1k =
      new EnumMap<>(Direction.class);
  private final Counter reconnects;
  private final io.micrometer.core.instrument.Timer setups;

  public TransportMetrics(MeterRegistry registry, BooleanSupplier sessionUp) {
    for (Direction d : Direction.values()) {
      Map<Result, Counter> byResult = new EnumMap<>(Result.class);
      for (Result r : Result.values()) {
        byResult.put(
            r,
            Counter.builder("transport.datagrams")
                .description("Datagrams through the I2P transport, by direction and outcome")
                .tag("direction", d.tag())
                .tag("result", r.tag())
                .register(registry));
      }
      datagrams.put(d, byResult);
      sizes.put(d, DistributionSummary.builder("transport.datagram.size")
          .description("Payload sizes of the datagrams carried (Kad packets, obfuscation included)")
          .baseUnit("bytes")
          .tag("direction", d.tag())
          .serviceLevelObjectives(SIZE_BUCKETS)
          .register(registry));
      atMost1k.put(d, new java.util.concurrent.atomic.LongAdder());
    }
    reconnects =
        Counter.builder("transport.reconnects")
            .description("Attempts to re-create the transport session after it was lost or refused")
            .register(registry);
    setups =
        io.micrometer.core.instrument.Timer.builder("transport.session.setup")
            .description("Time from (re)connecting to a usable session (SAM: HELLO to NAMING"
                + " LOOKUP; embedded: router start on first use, then I2CP connect)")
            .register(registry);
    Gauge.builder("transport.session.up", sessionUp, s -> s.getAsBoolean() ? 1 : 0)
        .description("1 while the transport session is up")
        .strongReference(true)
        .register(registry);
  }

  public void datagram(Direction direction, Result result) {
    datagrams.get(direction).get(result).increment();
  }

  public long count(Direction direction, Result result) {
    return (long) datagrams.get(direction).get(result).count();
  }

  /** One datagram carried (result OK) with a payload of {@code bytes}. */
  public void size(Direction direction, int bytes) {
    sizes.get(direction).record(bytes);
    if (bytes <= ONE_KB) {
      atMost1k.get(direction).increment();
    }
  }

  /** Datagrams carried with their sizes recorded. */
  public long sized(Direction direction) {
    return sizes.get(direction).count();
  }

  /** Largest payload carried so far. */
  public double maxSize(Direction direction) {
    return sizes.get(direction).max();
  }

  /** Mean payload size. */
  public double meanSize(Direction direction) {
    return sizes.get(direction).mean();
  }

  /** Share (0..1) of carried payloads of at most 1,024 bytes; NaN before the first. */
  public double shareAtMost1k(Direction direction) {
    long n = sizes.get(direction).count();
    return n == 0 ? Double.NaN : (double) atMost1k.get(direction).sum() / n;
  }

  /** A session came up after {@code took}. */
  public void setup(java.time.Duration took) {
    setups.record(took);
  }

  public void reconnect() {
    reconnects.increment();
  }

  public long reconnects() {
    return (long) reconnects.count();
  }
}
