package io.pekkomule.node.transport;

import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transport's health for the API and the CLI: session state, reconnects, datagrams by outcome,
 * sizes and set-up times. Field names are the JSON names; nothing secret in it.
 *
 * @param kind {@code sam}, {@code embedded} or {@code in-memory}
 * @param state the session's state
 * @param b32 our destination's {@code .b32.i2p} name, null before the first session
 * @param where the SAM bridge address or the embedded router's directory
 * @param reconnects attempts to re-create the session after the first
 * @param setupMillis how long the last session took to come up, -1 before the first
 * @param routerStartMillis how long the embedded router took to start, -1 for other kinds
 * @param datagramsIn received datagrams by outcome (ok, oversize, non_dsa, malformed, ...)
 * @param datagramsOut sent datagrams by outcome
 * @param sizesOut sizes of the datagrams sent
 * @param sizesIn sizes of the datagrams received
 */
public record TransportHealth(
    String kind,
    State state,
    String b32,
    String where,
    long reconnects,
    long setupMillis,
    long routerStartMillis,
    Map<String, Long> datagramsIn,
    Map<String, Long> datagramsOut,
    Sizes sizesOut,
    Sizes sizesIn) {

  /** Where a session stands. */
  public enum State {
    /** Started, no session yet. */
    STARTING,
    UP,
    /** Was up, lost, being re-created. */
    DOWN,
    /** Gave up after the configured number of attempts. */
    FAILED,
    CLOSED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Payload sizes carried.
   *
   * @param count datagrams measured
   * @param meanBytes mean payload
   * @param maxBytes largest payload
   * @param shareAtMost1k share (0..1) of payloads of at most 1,024 bytes; NaN before the first
   */
  public record Sizes(long count, double meanBytes, double maxBytes, double shareAtMost1k) {}

  /** The counters of {@code m} in this record's shape. */
  public static TransportHealth of(String kind, State state, String b32, String where,
      long setupMillis, long routerStartMillis, TransportMetrics m) {
    return new TransportHealth(kind, state, b32, where, m.reconnects(), setupMillis,
        routerStartMillis, counts(m, Direction.IN), counts(m, Direction.OUT),
        sizes(m, Direction.OUT), sizes(m, Direction.IN));
  }

  private static Map<String, Long> counts(TransportMetrics m, Direction d) {
    Map<String, Long> out = new TreeMap<>();
    for (Result r : Result.values()) {
      out.put(r.tag(), m.count(d, r));
    }
    return out;
  }

  private static Sizes sizes(TransportMetrics m, Direction d) {
    return new Sizes(m.sized(d), m.meanSize(d), m.maxSize(d), m.shareAtMost1k(d));
  }

  /** One line for logs and {@code TransportView.detail}. */
  public String summary() {
    return String.format(Locale.ROOT,
        "%s %s%s, %d reconnects, in %d ok / %d dropped, out %d ok / %d refused or lost",
        kind, state, where == null ? "" : " (" + where + ")", reconnects,
        datagramsIn.getOrDefault("ok", 0L), dropped(datagramsIn),
        datagramsOut.getOrDefault("ok", 0L), dropped(datagramsOut));
  }

  private static long dropped(Map<String, Long> m) {
    long n = 0;
    for (Map.Entry<String, Long> e : m.entrySet()) {
      if (!e.getKey().equals("ok")) {
        n += e.getValue();
      }
    }
    return n;
  }
}
