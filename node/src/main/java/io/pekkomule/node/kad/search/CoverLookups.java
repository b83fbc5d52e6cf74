package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The shell of the {@link CoverPlanner}: a one-shot timer with the planner's gaps; each firing
 * starts one cover lookup through {@link Lookups}, exactly as the node's own searches start
 * (same lookup scheduling, INTERACTIVE urgency, the search's data phase, results discarded), so on
 * the wire a cover search is an ordinary search. {@link Own} tells it about the node's own
 * searches, which the cover rate makes up for.
 */
public final class CoverLookups {
  private CoverLookups() {}

  public interface Command {}

  /** The node started one of its own searches. */
  public enum Own implements Command {
    INSTANCE
  }

  private enum Fire implements Command {
    INSTANCE
  }

  public static Behavior<Command> create(CoverPlanner.Config config, LookupConfig lookups,
      ActorRef<Lookups.Command> lookupsRef, InstantSource clock, long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      CoverPlanner planner = new CoverPlanner(config, new SplittableRandom(seed));
      timers.startSingleTimer(Fire.INSTANCE,
          Duration.ofMillis(planner.nextGapMillis(clock.millis())));
      return Behaviors.receive(Command.class)
          .onMessageEquals(Own.INSTANCE, () -> {
            planner.own(clock.millis());
            return Behaviors.same();
          })
          .onMessageEquals(Fire.INSTANCE, () -> {
            CoverPlanner.Cover c = planner.next();
            SearchPhase phase = c.type() == LookupType.NODE ? null
                : new SearchPhase(new SearchRequest(c.type(), c.target(), List.of(), c.size()),
                    e -> { });
            lookupsRef.tell(new Lookups.Start(new LookupActor.Spec(c.type(), c.target(), lookups,
                UrgencyClass.INTERACTIVE, Origin.COVER, phase), ctx.getSystem().ignoreRef()));
            timers.startSingleTimer(Fire.INSTANCE,
                Duration.ofMillis(planner.nextGapMillis(clock.millis())));
            return Behaviors.same();
          })
          .build();
    }));
  }
}
