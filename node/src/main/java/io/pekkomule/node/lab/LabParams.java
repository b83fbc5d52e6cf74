package io.pekkomule.node.lab;

import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * One lab run: how many nodes, on which time, for how long, with how much churn, and the
 * lookup workload measured against the oracle.
 *
 * @param seedNodes nodes that start first; every node bootstraps from their contacts
 * @param joinWindow the other nodes join at uniform random times within this window
 * @param warmup the workload (lookups, churn) starts after this
 * @param pairs lookup pairs: each runs our lookup and iMule's reference on the same origin and
 *     target, in random order, {@link #pairGap} apart
 * @param nodeCompleteShare share of pairs that are NODECOMPLETE (the rest NODE)
 * @param churn share of the nodes replaced (stopped, and a new node joins) during the workload
 * @param loss share of datagrams the network loses
 */
public record LabParams(
    int nodes,
    boolean virtual,
    Duration duration,
    double churn,
    long seed,
    int seedNodes,
    Duration joinWindow,
    Duration warmup,
    int pairs,
    double nodeCompleteShare,
    Duration pairGap,
    double loss,
    LatencyModel latency,
    LookupConfig ours,
    LookupConfig reference,
    Duration progressEvery) {

  public LabParams {
    Objects.requireNonNull(duration);
    if (nodes < 2 || seedNodes < 1 || seedNodes > nodes) {
      throw new IllegalArgumentException("need nodes >= 2 and 1 <= seeds <= nodes");
    }
    if (churn < 0 || churn > 1) {
      throw new IllegalArgumentException("churn must be in [0, 1]");
    }
    if (duration.compareTo(warmup.plus(pairGap).plusMinutes(3)) < 0) {
      throw new IllegalArgumentException("duration must exceed warmup + pair gap + 3 min");
    }
  }

  /**
   * Files published (and searched) in the publish/search workload: a quarter of the lookup pairs,
   * at least 10. Derived, so the lab's knobs stay those of the lookup workload.
   */
  public int publishes() {
    return Math.max(10, pairs / 4);
  }

  /** The defaults the CI lab and {@code pekko-mule lab} start from. */
  public static LabParams defaults(int nodes) {
    return new LabParams(nodes, true, Duration.ofMinutes(40), 0, 1, Math.min(nodes, 5),
        Duration.ofMinutes(5), Duration.ofMinutes(20), Math.max(10, Math.min(300, nodes / 3)),
        0.3, Duration.ofSeconds(150), 0.01, LatencyModel.I2P, KadNodeSettings.OUR_LOOKUPS,
        LookupConfig.IMULE, Duration.ofMinutes(1));
  }

  public LabParams withVirtual(boolean v) {
    return new LabParams(nodes, v, duration, churn, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withDuration(Duration d) {
    return new LabParams(nodes, virtual, d, churn, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withChurn(double c) {
    return new LabParams(nodes, virtual, duration, c, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withSeed(long s) {
    return new LabParams(nodes, virtual, duration, churn, s, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withPairs(int p) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup, p,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withWarmup(Duration w) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, w, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withJoinWindow(Duration j) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, j, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery);
  }

  public LabParams withOurs(LookupConfig o) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, loss, latency, o, reference, progressEvery);
  }

  public LabParams withLoss(double l) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, l, latency, ours, reference, progressEvery);
  }

  public LabParams withProgressEvery(Duration p) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, loss, latency, ours, reference, p);
  }
}
