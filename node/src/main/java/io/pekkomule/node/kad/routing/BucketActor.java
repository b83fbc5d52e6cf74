package io.pekkomule.node.kad.routing;

import io.pekkomule.node.kad.wire.Cadence;
import java.time.Duration;
import java.time.InstantSource;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

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

  /** Asks when the two timers are next due (epoch millis of the clock): for tests. */
  record GetDue(ActorRef<Due> replyTo) implements Command {}

  record Due(long smallDue, long bigDue) {}

  private enum Wake implements Command {
    INSTANCE
  }

  /** Arms the bucket's timers; the spawner sends it right after the spawn ({@link #spawn}). */
  enum Start implements Command {
    INSTANCE
  }

  /**
   * An unstarted bucket: nothing runs until it receives {@link Start} (see {@link #spawn}). The
   * behavior object is the whole bucket (no setup closure or receive wrapper kept per actor:
   * a node has a few dozen buckets and a lab thousands of nodes).
   */
  static Behavior<Command> create(ZoneKey zone, ActorRef<RoutingActor.Command> routing,
      Cadence cadence, InstantSource clock) {
    return new Bucket(zone, routing, cadence, clock);
  }

  /** Spawns a bucket under {@code ctx} and starts it. */
  static ActorRef<Command> spawn(ActorContext<?> ctx, String name, ZoneKey zone,
      ActorRef<RoutingActor.Command> routing, Cadence cadence, InstantSource clock) {
    ActorRef<Command> b = ctx.spawn(create(zone, routing, cadence, clock), name);
    b.tell(Start.INSTANCE);
    return b;
  }

  /**
   * The bucket's state: when its two timers are due, and one scheduled wake-up for the earlier
   * of them. Deliberately lean (one pending scheduler task, the behavior is the state).
   */
  private static final class Bucket extends ExtensibleBehavior<Command> {
    private final ZoneKey zone;
    private final ActorRef<RoutingActor.Command> routing;
    private final Cadence cadence;
    private final InstantSource clock;
    private long smallDue;
    private long bigDue;
    private long armedFor = Long.MAX_VALUE;
    private Cancellable armed;
    private boolean started;

    Bucket(ZoneKey zone, ActorRef<RoutingActor.Command> routing, Cadence cadence,
        InstantSource clock) {
      this.zone = zone;
      this.routing = routing;
      this.cadence = cadence;
      this.clock = clock;
    }

    private void start(TypedActorContext<Command> ctx) {
      started = true;
      long now = clock.millis();
      // iMule: the small timer first runs zoneIndex seconds after the zone appears
      long firstSmall = Math.min(zone.index(), 15) * 1000L;
      smallDue = now + cadence.between(Duration.ofMillis(firstSmall + 500),
          Duration.ofMillis(firstSmall + 3000)).toMillis();
      bigDue = now + cadence.next(KadConstants.BIG_TIMER_FIRST).toMillis();
      arm(ctx, now);
    }

    /** One pending wake-up, for whichever timer is due first. */
    private void arm(TypedActorContext<Command> ctx, long now) {
      long due = Math.min(smallDue, bigDue);
      if (armed != null && armedFor == due) {
        return;
      }
      if (armed != null) {
        armed.cancel();
      }
      armedFor = due;
      ActorContext<Command> c = ctx.asJava();
      armed = c.scheduleOnce(Duration.ofMillis(Math.max(0, due - now)), c.getSelf(),
          Wake.INSTANCE);
    }

    @Override
    public Behavior<Command> receive(TypedActorContext<Command> ctx, Command m) {
      if (m == Start.INSTANCE) {
        if (!started) {
          start(ctx);
        }
        return this;
      }
      if (!started) {
        start(ctx); // a message before Start (not expected): start now
      }
      long now = clock.millis();
      if (m == Wake.INSTANCE) {
        armed = null;
        if (smallDue <= now) {
          routing.tell(new RoutingActor.ZoneTimerDue(zone, false));
          smallDue = now + cadence.next(KadConstants.SMALL_TIMER).toMillis();
        }
        if (bigDue <= now) {
          routing.tell(new RoutingActor.ZoneTimerDue(zone, true));
          bigDue = now + cadence.next(KadConstants.BIG_TIMER).toMillis();
        }
      } else if (m instanceof RetryRefresh r) {
        bigDue = now + r.after().toMillis();
      } else if (m instanceof GetDue g) {
        g.replyTo().tell(new Due(smallDue, bigDue));
        return this;
      }
      arm(ctx, now);
      return this;
    }

    @Override
    public Behavior<Command> receiveSignal(TypedActorContext<Command> ctx, Signal s) {
      if (s instanceof PostStop && armed != null) {
        armed.cancel();
      }
      return this;
    }
  }
}
