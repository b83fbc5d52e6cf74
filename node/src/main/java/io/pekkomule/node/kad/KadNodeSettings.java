package io.pekkomule.node.kad;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.routing.RoutingConfig;
import io.pekkomule.node.kad.search.Publisher;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that configures one Kad node.
 *
 * @param dialect the overlay's wire dialect: the one seam between the shared node core and an
 *     overlay ({@link KadDialect#IMULE} is the only one today; docs/kad-node.md, "Overlay seam")
 * @param lookups how our own lookups (maintenance and requested) are scheduled
 * @param maxConcurrentLookups fixed cap on lookups running at once (contract §5)
 */
public record KadNodeSettings(
    KadDialect dialect,
    KadIdentity identity,
    RoutingConfig routing,
    LookupConfig lookups,
    Dispatcher.Settings dispatch,
    int maxConcurrentLookups,
    Publisher.Settings publishing) {

  /**
   * Our lookup scheduling: up to three requests in flight, a request stops counting after 5 s
   * (I2P round trips are seconds) and is given up after 20 s, NODE lookups iterate to the
   * closest node. Chosen from lab runs (docs/benchmarks.md, "Lab").
   */
  public static final LookupConfig OUR_LOOKUPS = new LookupConfig(3, Duration.ofSeconds(5),
      Duration.ofSeconds(20), 6, Duration.ofMillis(0), true);

  /** Settings with the default publishing (iMule's republish intervals, routine lookups). */
  public KadNodeSettings(KadDialect dialect, KadIdentity identity, RoutingConfig routing,
      LookupConfig lookups, Dispatcher.Settings dispatch, int maxConcurrentLookups) {
    this(dialect, identity, routing, lookups, dispatch, maxConcurrentLookups,
        Publisher.Settings.defaults(lookups));
  }

  public KadNodeSettings {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(lookups, "lookups");
    Objects.requireNonNull(dispatch, "dispatch");
    Objects.requireNonNull(publishing, "publishing");
    if (maxConcurrentLookups < 1) {
      throw new IllegalArgumentException("maxConcurrentLookups < 1");
    }
  }

  public static KadNodeSettings defaults(KadIdentity identity) {
    return new KadNodeSettings(KadDialect.IMULE, identity, RoutingConfig.ACTORS, OUR_LOOKUPS,
        Dispatcher.Settings.DEFAULT, 32);
  }

  public KadNodeSettings withLookups(LookupConfig l) {
    return new KadNodeSettings(dialect, identity, routing, l, dispatch, maxConcurrentLookups,
        publishing);
  }

  public KadNodeSettings withPublishing(Publisher.Settings p) {
    return new KadNodeSettings(dialect, identity, routing, lookups, dispatch,
        maxConcurrentLookups, p);
  }
}
