package io.pekkomule.node.kad.routing;

import io.pekkomule.node.kad.wire.Cadence;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

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
    return Behaviors.withTimers(timers -> {
      // iMule: the small timer first runs zoneIndex seconds after the zone appears
      long firstSmall = Math.min(zone.index(), 15) * 1000L;
      timers.startSingleTimer(Small.INSTANCE,
          cadence.between(Duration.ofMillis(firstSmall + 500), Duration.ofMillis(firstSmall + 3000)));
      timers.startSingleTimer(Big.INSTANCE, cadence.next(KadConstants.BIG_TIMER_FIRST));
      return running(zone, routing, cadence, timers);
    });
  }

  private static Behavior<Command> running(ZoneKey zone, ActorRef<RoutingActor.Command> routing,
      Cadence cadence, TimerScheduler<Command> timers) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Small.INSTANCE, () -> {
          routing.tell(new RoutingActor.ZoneTimerDue(zone, false));
          timers.startSingleTimer(Small.INSTANCE, cadence.next(KadConstants.SMALL_TIMER));
          return Behaviors.same();
        })
        .onMessageEquals(Big.INSTANCE, () -> {
          routing.tell(new RoutingActor.ZoneTimerDue(zone, true));
          timers.startSingleTimer(Big.INSTANCE, cadence.next(KadConstants.BIG_TIMER));
          return Behaviors.same();
        })
        .onMessage(RetryRefresh.class, r -> {
          timers.startSingleTimer(Big.INSTANCE, r.after());
          return Behaviors.same();
        })
        .build();
  }
}
