package io.pekkomule.node.kad;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.routing.RoutingConfig;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.search.Publisher;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that configures one Kad node.
 *
 * @param lookups how our own lookups (maintenance and requested) are scheduled
 * @param maxConcurrentLookups fixed cap on lookups running at once (contract §5)
 */
public record KadNodeSettings(
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

  /** Settings with the default publishing (our lookups, iMule's republish intervals). */
  public KadNodeSettings(KadIdentity identity, RoutingConfig routing, LookupConfig lookups,
      Dispatcher.Settings dispatch, int maxConcurrentLookups) {
    this(identity, routing, lookups, dispatch, maxConcurrentLookups,
        Publisher.Settings.defaults(lookups));
  }

  public KadNodeSettings {
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
    return new KadNodeSettings(identity, RoutingConfig.ACTORS, OUR_LOOKUPS,
        Dispatcher.Settings.DEFAULT, 32);
  }

  public KadNodeSettings withLookups(LookupConfig l) {
    return new KadNodeSettings(identity, routing, l, dispatch, maxConcurrentLookups, publishing);
  }

  public KadNodeSettings withPublishing(Publisher.Settings p) {
    return new KadNodeSettings(identity, routing, lookups, dispatch, maxConcurrentLookups, p);
  }
}
