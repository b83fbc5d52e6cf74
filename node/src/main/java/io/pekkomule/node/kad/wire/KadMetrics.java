package io.pekkomule.node.kad.wire;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's Kad meters. Names are stable API (Prometheus form in brackets): {@code kad.inbound}
 * [kad_inbound_total{outcome,reason,opcode}] for every received datagram ({@code opcode}: the
 * lower-case opcode name, {@code other} for a code iMule does not define, {@code none} when the
 * datagram did not decode far enough), {@code kad.outbound}
 * [kad_outbound_total{result}] for every intent offered to the shaper, {@code kad.lookups}
 * [kad_lookups_total{type,termination}]. Thread-safe; a lab shares one instance between nodes.
 */
public final class KadMetrics {
  /** What became of one received datagram. */
  public enum Inbound {
    /** Decoded, within the flood limits, expected (responses) and handed to an actor. */
    ACCEPTED,
    /** Well-formed but not for us: unknown or unhandled opcode, foreign check id, bad key. */
    DROPPED,
    /** Failed to decode at any layer. */
    MALFORMED,
    /** Above iMule's per-peer request allowance, or from a banned sender. */
    FLOOD_LIMITED,
    /** A response to no request we sent within 180 s. */
    UNSOLICITED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  public KadMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static KadMetrics inMemory() {
    return new KadMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Opcode tag of a datagram that did not decode far enough to have one. */
  public static final String NO_OPCODE = "none";

  public void inbound(Inbound outcome, String reason) {
    inbound(outcome, reason, NO_OPCODE);
  }

  /** One received datagram; {@code opcode} as {@link #opcodeKey(int)} gives it. */
  public void inbound(Inbound outcome, String reason, String opcode) {
    String key = "kad.inbound|" + outcome.key() + '|' + reason + '|' + opcode;
    Counter c = counters.get(key);
    if (c == null) {
      c = counters.computeIfAbsent(key, k -> Counter.builder("kad.inbound")
          .tag("outcome", outcome.key()).tag("reason", reason).tag("opcode", opcode)
          .register(registry));
    }
    c.increment();
  }

  /** The opcode tag: the lower-case name of a Kad opcode, {@code other} for an unknown code. */
  public static String opcodeKey(int code) {
    return io.pekkomule.protocol.msg.Opcode.fromCode(code)
        .map(o -> o.name().toLowerCase(Locale.ROOT)).orElse("other");
  }

  public void outbound(boolean accepted) {
    counter("kad.outbound", "result", accepted ? "offered" : "refused", null, null).increment();
  }

  public void lookup(String type, String termination) {
    counter("kad.lookups", "type", type, "termination", termination).increment();
  }

  /** A search or publish served from the index: hit, miss, stored, refused or gated. */
  public void served(String outcome) {
    counter("kad.served", "outcome", outcome, null, null).increment();
  }

  public double servedCount(String outcome) {
    Counter c = registry.find("kad.served").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  /** Datagrams with this outcome, over every reason. */
  public double inboundCount(Inbound outcome) {
    return registry.find("kad.inbound").tag("outcome", outcome.key()).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  public double inboundCount(Inbound outcome, String reason) {
    return registry.find("kad.inbound").tag("outcome", outcome.key()).tag("reason", reason)
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  private Counter counter(String name, String k1, String v1, String k2, String v2) {
    String key = name + '|' + v1 + '|' + v2;
    Counter c = counters.get(key);
    if (c == null) {
      c = counters.computeIfAbsent(key, k -> {
        Counter.Builder b = Counter.builder(name).tag(k1, v1);
        if (k2 != null) {
          b.tag(k2, v2);
        }
        return b.register(registry);
      });
    }
    return c;
  }
}
