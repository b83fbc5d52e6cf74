package io.pekkomule.node.api;

import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/v1/lab}: what a lab run shows besides the one node the API views — its
 * parameters, the latest progress figures, the final figures once it ended, the in-memory
 * network's counters and every node alive with its table size.
 *
 * @param state {@code running} while the workload runs, {@code finished} after the figures line
 * @param params the run's parameters (names as the {@code lab} flags)
 * @param progress the latest progress line's figures (empty before the first)
 * @param figures the summary line's figures once finished ({@code null} while running); values
 *     that are not numbers (no sample) are {@code null}
 * @param viewed the KadID of the node that {@code /api/v1/status}, {@code /routing} and
 *     {@code /lookups} are about
 * @param nodes every node alive, in join order
 */
public record LabStatus(
    String state,
    boolean virtual,
    Instant startedAt,
    Map<String, Object> params,
    Map<String, Object> progress,
    Map<String, Object> figures,
    Network network,
    KadId viewed,
    List<Peer> nodes) {

  public LabStatus {
    Objects.requireNonNull(state, "state");
    params = clean(params);
    progress = clean(progress);
    figures = figures == null ? null : clean(figures);
    nodes = List.copyOf(nodes);
  }

  /**
   * The lab network's datagram counters since the start.
   *
   * @param unreachable datagrams to or from a destination that had left (churn)
   */
  public record Network(long sent, long delivered, long lost, long unreachable) {}

  /**
   * One lab node.
   *
   * @param ageSeconds lab time since it joined
   * @param contacts contacts in its bins at the last progress tick ({@code -1} before the first)
   * @param verified the verified ones among them
   */
  public record Peer(KadId kadId, boolean seed, long ageSeconds, int contacts, int verified) {}

  /** NaN and infinite numbers become null (JSON has no NaN). */
  private static Map<String, Object> clean(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
    return java.util.Collections.unmodifiableMap(out);
  }
}
