package io.pekkomule.node.lab;

import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.search.CoverPlanner;
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
 * @param imuleDataLookups lab-only reference: searches and publishes run iMule's serial search
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
    Duration progressEvery,
    Participation participation,
    boolean imuleDataLookups) {

  /**
   * Harness H8 (participation symmetry): a share of the non-seed nodes are client-heavy (they
   * share files over the run and search often), the rest only route; every node's outbound
   * datagrams are summarized per window ({@link ParticipationRecorder}) for the classifier.
   *
   * @param clientShare share of the non-seed nodes that are clients; 0 = no roles (no H8 figures)
   * @param searchesPerHour each client's own searches per hour (exponential gaps)
   * @param filesPerClient files each client shares, at uniform times over the workload
   * @param cover whether every node runs cover lookups ({@link CoverPlanner})
   * @param coverConfig the cover planner's settings when {@code cover}
   * @param window length of one feature window
   * @param swapRoles the complementary assignment: with the same seed, every client of the plain
   *     run is a router and every router a client (harness H8's paired design)
   */
  public record Participation(double clientShare, double searchesPerHour, int filesPerClient,
      boolean cover, CoverPlanner.Config coverConfig, Duration window, boolean swapRoles) {
    public static final Participation OFF = new Participation(0, 0, 0, false,
        CoverPlanner.Config.DEFAULT, Duration.ofMinutes(10), false);

    public Participation(double clientShare, double searchesPerHour, int filesPerClient,
        boolean cover, CoverPlanner.Config coverConfig, Duration window) {
      this(clientShare, searchesPerHour, filesPerClient, cover, coverConfig, window, false);
    }

    public Participation {
      Objects.requireNonNull(coverConfig, "coverConfig");
      Objects.requireNonNull(window, "window");
      if (clientShare < 0 || clientShare > 1 || searchesPerHour < 0 || filesPerClient < 0) {
        throw new IllegalArgumentException("bad participation settings");
      }
      if (window.toSeconds() < 60) {
        throw new IllegalArgumentException("the H8 window must be at least 1 min");
      }
    }

    public boolean roles() {
      return clientShare > 0;
    }

    public Participation withCover(boolean c) {
      return new Participation(clientShare, searchesPerHour, filesPerClient, c, coverConfig,
          window, swapRoles);
    }

    public Participation withCoverConfig(CoverPlanner.Config c) {
      return new Participation(clientShare, searchesPerHour, filesPerClient, cover, c, window,
          swapRoles);
    }

    public Participation withSwapRoles(boolean s) {
      return new Participation(clientShare, searchesPerHour, filesPerClient, cover, coverConfig,
          window, s);
    }
  }

  public LabParams {
    Objects.requireNonNull(participation, "participation");
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

  /** Without {@code imuleDataLookups} (our searches and publishes). */
  public LabParams(int nodes, boolean virtual, Duration duration, double churn, long seed,
      int seedNodes, Duration joinWindow, Duration warmup, int pairs, double nodeCompleteShare,
      Duration pairGap, double loss, LatencyModel latency, LookupConfig ours,
      LookupConfig reference, Duration progressEvery, Participation participation) {
    this(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery, participation,
        false);
  }

  /**
   * Lab-only reference: every node's searches and publishes run iMule's serial search ({@link
   * LookupConfig#IMULE}: one request per ~2 s step, no exploration) instead of ours; the
   * exploration harness compares the two ({@code -Dpekko-mule.lab.data-lookups=imule} does the
   * same for a {@code lab} run).
   */
  public LabParams withImuleDataLookups(boolean i) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, i);
  }

  /** The defaults the CI lab and {@code pekko-mule lab} start from. */
  public static LabParams defaults(int nodes) {
    return new LabParams(nodes, true, Duration.ofMinutes(40), 0, 1, Math.min(nodes, 5),
        Duration.ofMinutes(5), Duration.ofMinutes(20), Math.max(10, Math.min(300, nodes / 3)),
        0.3, Duration.ofSeconds(150), 0.01, LatencyModel.I2P, KadNodeSettings.OUR_LOOKUPS,
        LookupConfig.IMULE, Duration.ofMinutes(1), Participation.OFF, false);
  }

  public LabParams withVirtual(boolean v) {
    return new LabParams(nodes, v, duration, churn, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withDuration(Duration d) {
    return new LabParams(nodes, virtual, d, churn, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withChurn(double c) {
    return new LabParams(nodes, virtual, duration, c, seed, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withSeed(long s) {
    return new LabParams(nodes, virtual, duration, churn, s, seedNodes, joinWindow, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withPairs(int p) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup, p,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withWarmup(Duration w) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, w, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withJoinWindow(Duration j) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, j, warmup, pairs,
        nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withOurs(LookupConfig o) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, loss, latency, o, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withLoss(double l) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, l, latency, ours, reference, progressEvery,
        participation, imuleDataLookups);
  }

  public LabParams withProgressEvery(Duration p) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, loss, latency, ours, reference, p,
        participation, imuleDataLookups);
  }

  public LabParams withParticipation(Participation x) {
    return new LabParams(nodes, virtual, duration, churn, seed, seedNodes, joinWindow, warmup,
        pairs, nodeCompleteShare, pairGap, loss, latency, ours, reference, progressEvery,
        x, imuleDataLookups);
  }
}
