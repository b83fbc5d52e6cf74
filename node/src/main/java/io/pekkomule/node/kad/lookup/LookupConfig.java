package io.pekkomule.node.kad.lookup;

import java.time.Duration;

/**
 * Scheduling knobs of a lookup. {@link #IMULE} keeps iMule's pace of one new request per 2 s step;
 * a larger alpha runs up to three requests at once.
 *
 * @param alpha requests in flight before soft timeouts widen the window (1 = iMule, at most 3)
 * @param softTimeout a request unanswered this long stops counting against alpha (libtorrent's
 *     soft timeout: widen by one, keep waiting)
 * @param hardTimeout a request unanswered this long marks its peer unresponsive; a late answer is
 *     still accepted, but the peer no longer holds off convergence
 * @param maxInFlight hard cap on unanswered requests, so widening never becomes a flood
 * @param quietPeriod a step does nothing when there was activity within this period (iMule: 1 s)
 * @param iterateNode a NODE lookup keeps asking the contacts it learns until its closest answering
 *     node has no closer candidate (Kademlia's FIND_NODE); iMule's NODE stops at the first answer
 *     and leaves the returned contacts to the routing table
 * @param requestCount contacts asked for in each REQ when above the type's own count (0: the
 *     type's count, iMule's 2 / 4 / 11)
 * @param explore data lookups only: at most this many extra REQs (the type's own count, one per
 *     step, no data request): to the routing table's far seeds ({@code RoutingTable.exploreSeeds})
 *     from the start, beside the lookup's own requests; then, once the lookup has nothing closer
 *     than its worst completed node to ask (where iMule would trash candidates and stop), to
 *     unasked seeds 8 times further than that node. Every node within ~70 ranks of a key knows all of its closest ten and
 *     answers a count-2/4 REQ with ranks 0-3, so ranks 5-9 are named only by nodes far enough
 *     (rank ~100-200) to know the region through a sample of it. 0 = iMule's lookup.
 * @param idleLifetime how long a lookup with nothing left to ask waits for its outstanding
 *     requests after its last activity; null (every shipped config): the type's own lifetime,
 *     iMule's {@link LookupType#lifetime()}. Only tests shorten it (a publish lookup in a
 *     three-node network otherwise holds its ordering-rule follow-up for two minutes).
 */
public record LookupConfig(
    int alpha,
    Duration softTimeout,
    Duration hardTimeout,
    int maxInFlight,
    Duration quietPeriod,
    boolean iterateNode,
    int requestCount,
    int explore,
    Duration idleLifetime) {

  /** iMule's serial search; the soft timeout equals its 2 s JumpStart step. */
  public static final LookupConfig IMULE =
      new LookupConfig(1, Duration.ofSeconds(2), Duration.ofSeconds(30), 15, Duration.ofSeconds(1),
          false);

  public LookupConfig(int alpha, Duration softTimeout, Duration hardTimeout, int maxInFlight,
      Duration quietPeriod, boolean iterateNode) {
    this(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod, iterateNode, 0, 0, null);
  }

  public LookupConfig(int alpha, Duration softTimeout, Duration hardTimeout, int maxInFlight,
      Duration quietPeriod, boolean iterateNode, int requestCount) {
    this(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod, iterateNode, requestCount, 0,
        null);
  }

  public LookupConfig(int alpha, Duration softTimeout, Duration hardTimeout, int maxInFlight,
      Duration quietPeriod, boolean iterateNode, int requestCount, int explore) {
    this(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod, iterateNode, requestCount,
        explore, null);
  }

  /** The same scheduling with {@code n} exploration REQs after convergence (see {@link #explore}). */
  public LookupConfig withExplore(int n) {
    return new LookupConfig(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod,
        iterateNode, requestCount, n, idleLifetime);
  }

  /** Contacts asked for in each REQ of a lookup of this type. */
  public int requestCount(LookupType type) {
    return Math.max(type.requestCount(), requestCount);
  }

  /** The same scheduling, asking for at least {@code count} contacts per REQ. */
  public LookupConfig withRequestCount(int count) {
    return new LookupConfig(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod,
        iterateNode, count, explore, idleLifetime);
  }

  /** The same scheduling with another idle lifetime (tests only; null: the type's). */
  public LookupConfig withIdleLifetime(Duration lifetime) {
    return new LookupConfig(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod,
        iterateNode, requestCount, explore, lifetime);
  }

  /** The idle lifetime of a lookup of this type under this config. */
  public Duration idleLifetime(LookupType type) {
    return idleLifetime != null ? idleLifetime : type.lifetime();
  }

  /** A config with iMule's NODE semantics (stop at the first answer). */
  public LookupConfig(
      int alpha, Duration softTimeout, Duration hardTimeout, int maxInFlight, Duration quietPeriod) {
    this(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod, false);
  }

  public LookupConfig {
    if (alpha < 1 || alpha > 3) {
      throw new IllegalArgumentException("alpha must be 1..3, got " + alpha);
    }
    if (softTimeout.isNegative() || hardTimeout.compareTo(softTimeout) < 0) {
      throw new IllegalArgumentException("need 0 <= softTimeout <= hardTimeout");
    }
    if (requestCount < 0 || requestCount > 25) {
      throw new IllegalArgumentException("requestCount must be 0..25");
    }
    if (idleLifetime != null && (idleLifetime.isNegative() || idleLifetime.isZero())) {
      throw new IllegalArgumentException("idleLifetime must be positive");
    }
    if (explore < 0 || explore > 50) {
      throw new IllegalArgumentException("explore must be 0..50");
    }
    if (maxInFlight < alpha) {
      throw new IllegalArgumentException("maxInFlight below alpha");
    }
  }

  /** A parallel variant sized for I2P round trips of a few seconds. */
  public static LookupConfig parallel(int alpha) {
    return new LookupConfig(alpha, Duration.ofSeconds(5), Duration.ofSeconds(30), 15,
        Duration.ofSeconds(1));
  }

  /** The same scheduling with NODE lookups iterating to the closest node (or not). */
  public LookupConfig withIterateNode(boolean iterate) {
    return new LookupConfig(alpha, softTimeout, hardTimeout, maxInFlight, quietPeriod, iterate,
        requestCount, explore, idleLifetime);
  }
}
