package io.pekkomule.node.kad.routing;

import io.pekkomule.node.kad.wire.Cadence;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One KAD bucket (a leaf zone of the routing tree) as its own actor: it owns the bucket's clocks,
 * iMule's per-zone small timer (liveness: every ~60 s, first after {@code zoneIndex} seconds) and
 * big timer (refresh lookup: first ~10 s after the zone appears, then ~hourly), each interval
 * jittered and drifting on the bucket's own random stream. When one fires it asks the routing
 * actor to run that zone's step of the table ({@link RoutingEvent.ZoneSmallTimer}, {@link
 * RoutingEvent.ZoneBigTimer}); the table stays the single consistent owner of the contacts, so
 * splits, merges and the one-contact-per-destination rule never race. The routing actor spawns a
 * bucket when a zone appears and stops it when the zone splits or merges.
 */
final class BucketActor {
  private BucketActor() {}

  interface Command {}

  /** The table-wide refresh gap was not over: try the big timer again after this delay. */
  record RetryRefresh(Duration after) implements Command {}

  private enum Small implements Command {
    INSTANCE
  }

  private enum Big implements Command {
    INSTANCE
  }

  static Behavior<Command> create(ZoneKey zone, ActorRef<RoutingActor.Command> routing,
      Cadence cadence) {
    return Behaviors.setup(ctx -> new Bucket(zone, routing, cadence, ctx).start());
  }

  /**
   * The bucket's state: two pending timers. Deliberately lean (plain scheduled messages, one
   * handler): a node has a few dozen buckets and a lab thousands of nodes.
   */
  private static final class Bucket {
    private final ZoneKey zone;
    private final ActorRef<RoutingActor.Command> routing;
    private final Cadence cadence;
    private final ActorContext<Command> ctx;
    private Cancellable small;
    private Cancellable big;

    Bucket(ZoneKey zone, ActorRef<RoutingActor.Command> routing, Cadence cadence,
        ActorContext<Command> ctx) {
      this.zone = zone;
      this.routing = routing;
      this.cadence = cadence;
      this.ctx = ctx;
    }

    Behavior<Command> start() {
      // iMule: the small timer first runs zoneIndex seconds after the zone appears
      long firstSmall = Math.min(zone.index(), 15) * 1000L;
      small = at(cadence.between(Duration.ofMillis(firstSmall + 500),
          Duration.ofMillis(firstSmall + 3000)), Small.INSTANCE);
      big = at(cadence.next(KadConstants.BIG_TIMER_FIRST), Big.INSTANCE);
      return Behaviors.receive(this::onMessage, this::onSignal);
    }

    private Cancellable at(Duration d, Command c) {
      return ctx.scheduleOnce(d, ctx.getSelf(), c);
    }

    private Behavior<Command> onMessage(ActorContext<Command> c, Command m) {
      if (m == Small.INSTANCE) {
        routing.tell(new RoutingActor.ZoneTimerDue(zone, false));
        small = at(cadence.next(KadConstants.SMALL_TIMER), Small.INSTANCE);
      } else if (m == Big.INSTANCE) {
        routing.tell(new RoutingActor.ZoneTimerDue(zone, true));
        big = at(cadence.next(KadConstants.BIG_TIMER), Big.INSTANCE);
      } else if (m instanceof RetryRefresh r) {
        big.cancel();
        big = at(r.after(), Big.INSTANCE);
      }
      return Behaviors.same();
    }

    private Behavior<Command> onSignal(ActorContext<Command> c, Signal s) {
      if (s instanceof PostStop) {
        small.cancel();
        big.cancel();
      }
      return Behaviors.same();
    }
  }
}
