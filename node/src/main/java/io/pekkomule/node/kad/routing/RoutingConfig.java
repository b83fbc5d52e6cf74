package io.pekkomule.node.kad.routing;

/**
 * Tunables of the table that iMule does not fix. iMule's own numbers live in {@link KadConstants}.
 *
 * @param replacementCacheSize candidates kept per leaf zone when its bin is full (Lane A; 0 = iMule)
 * @param keepContacts dead contacts are only removed while the table holds more than this
 *     (iMule's {@code KeepKadContacts}, default 0)
 * @param zoneTimersExternal each leaf zone's small and big timers are driven from outside (one
 *     bucket actor per zone sends {@link RoutingEvent.ZoneSmallTimer} and {@link
 *     RoutingEvent.ZoneBigTimer}); {@link RoutingEvent.Tick} then runs only the table-wide timers
 * @param timerJitter relative jitter of the table-wide periods (self lookup, consolidation): each
 *     period is drawn from [1 - j, 1 + j] times iMule's value, so none repeats exactly (0 = exact)
 */
public record RoutingConfig(
    int replacementCacheSize, int keepContacts, boolean zoneTimersExternal, double timerJitter,
    SubnetPolicy subnets) {
  public static final RoutingConfig DEFAULT = new RoutingConfig(KadConstants.K, 0);
  /** The actor shell's configuration: bucket actors own the zone timers; periods jittered. */
  public static final RoutingConfig ACTORS = new RoutingConfig(KadConstants.K, 0, true, 0.15);
  /**
   * The kad4 actor shell: aMule's admission (one contact per IP, ≤ 2 per /24 per bin, ≤ 10 per
   * /24 in the table) and no replacement cache (aMule keeps none).
   */
  public static final RoutingConfig KAD4_ACTORS =
      new RoutingConfig(0, 0, true, 0.15, SubnetPolicy.AMULE);

  public RoutingConfig(int replacementCacheSize, int keepContacts) {
    this(replacementCacheSize, keepContacts, false, 0);
  }

  /** Without subnet limits (the iMule overlay). */
  public RoutingConfig(int replacementCacheSize, int keepContacts, boolean zoneTimersExternal,
      double timerJitter) {
    this(replacementCacheSize, keepContacts, zoneTimersExternal, timerJitter, SubnetPolicy.NONE);
  }

  public RoutingConfig {
    if (replacementCacheSize < 0 || keepContacts < 0) {
      throw new IllegalArgumentException("negative setting");
    }
    java.util.Objects.requireNonNull(subnets, "subnets");
    if (timerJitter < 0 || timerJitter >= 1) {
      throw new IllegalArgumentException("timerJitter must be in [0, 1)");
    }
  }
}
