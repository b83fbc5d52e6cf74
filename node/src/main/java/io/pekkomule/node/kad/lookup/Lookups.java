package io.pekkomule.node.kad.lookup;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.kad.wire.Cadence;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The node's lookups: spawns one {@link LookupActor} per lookup, routes RES answers to the
 * lookups searching that target (iMule matches answers to searches by target), and caps how many
 * run at once: a fixed bound that never scales with CPU or memory (contract §5). A start above
 * the cap is answered at once with {@link Termination#CANCELLED}.
 */
public final class Lookups extends AbstractBehavior<Lookups.Command> {

  public interface Command {}

  /** Start a lookup; {@code replyTo} gets exactly one {@link LookupOutcome}. */
  public record Start(LookupActor.Spec spec, ActorRef<LookupOutcome> replyTo)
      implements Command {}

  /** A RES from {@code from} for {@code target}, contacts already filtered by the table. */
  public record NodesArrived(Endpoint from, KadId target, List<KadContact> contacts)
      implements Command {}

  /** A SEARCH_RES from {@code from}: goes to the lookups searching its key. */
  public record SearchArrived(Endpoint from, Kad2SearchRes res) implements Command {}

  /** A PUBLISH_RES from {@code from}: goes to the lookups publishing under its key. */
  public record PublishArrived(Endpoint from, Kad2PublishRes res) implements Command {}

  /** Cancel every running lookup (node stopping). */
  public enum CancelAll implements Command {
    INSTANCE
  }

  private record Ended(long id, LookupActor.Spec spec, ActorRef<LookupActor.Command> lookup)
      implements Command {}

  private record Finished(LookupOutcome outcome) implements Command {}

  private final KadDialect dialect;
  private final KadIdentity self;
  private final ActorRef<RoutingActor.Command> routing;
  private final ActorRef<Dispatcher.Command> dispatcher;
  private final InstantSource clock;
  private final KadMetrics metrics;
  private final int maxConcurrent;
  private final SplittableRandom random;
  private final Map<KadId, List<ActorRef<LookupActor.Command>>> byTarget = new HashMap<>();
  private final Map<Long, ActorRef<LookupOutcome>> replyTo = new HashMap<>();
  private final ActorRef<LookupOutcome> outcomes;
  private int running;
  private long nextId;

  /** Lookups of the iMule dialect. */
  public static Behavior<Command> create(KadIdentity self, ActorRef<RoutingActor.Command> routing,
      ActorRef<Dispatcher.Command> dispatcher, InstantSource clock, KadMetrics metrics,
      int maxConcurrent, long seed) {
    return create(KadDialect.IMULE, self, routing, dispatcher, clock, metrics, maxConcurrent,
        seed);
  }

  public static Behavior<Command> create(KadDialect dialect, KadIdentity self,
      ActorRef<RoutingActor.Command> routing, ActorRef<Dispatcher.Command> dispatcher,
      InstantSource clock, KadMetrics metrics, int maxConcurrent, long seed) {
    return Behaviors.setup(ctx -> new Lookups(ctx, dialect, self, routing, dispatcher, clock,
        metrics, maxConcurrent, seed));
  }

  private Lookups(ActorContext<Command> ctx, KadDialect dialect, KadIdentity self,
      ActorRef<RoutingActor.Command> routing, ActorRef<Dispatcher.Command> dispatcher,
      InstantSource clock, KadMetrics metrics, int maxConcurrent, long seed) {
    super(ctx);
    this.dialect = dialect;
    this.self = self;
    this.routing = routing;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.metrics = metrics;
    this.maxConcurrent = maxConcurrent;
    this.random = new SplittableRandom(seed);
    this.outcomes = ctx.messageAdapter(LookupOutcome.class, Finished::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(NodesArrived.class, this::onNodes)
        .onMessage(SearchArrived.class, a -> {
          forTarget(a.res().key(), new LookupActor.SearchAnswered(a.from(), a.res()));
          return this;
        })
        .onMessage(PublishArrived.class, a -> {
          forTarget(a.res().key(), new LookupActor.PublishAnswered(a.from(), a.res()));
          return this;
        })
        .onMessage(Ended.class, this::onEnded)
        .onMessage(Finished.class, this::onFinished)
        .onMessageEquals(CancelAll.INSTANCE, this::onCancelAll)
        .build();
  }

  private Behavior<Command> onStart(Start s) {
    long id = ++nextId;
    if (running >= maxConcurrent) {
      long now = clock.millis();
      s.replyTo().tell(new LookupOutcome(id, s.spec().type(), s.spec().target(),
          Termination.CANCELLED, 0, List.of(), List.of(), 0, now, now));
      metrics.lookup(key(s.spec().type()), "refused");
      return this;
    }
    replyTo.put(id, s.replyTo());
    ActorRef<LookupActor.Command> child = getContext().spawn(
        LookupActor.create(dialect, id, s.spec(), self, routing, dispatcher, outcomes, clock,
            new Cadence(random.split(), 0.2)),
        "lookup-" + id);
    getContext().watchWith(child, new Ended(id, s.spec(), child));
    byTarget.computeIfAbsent(s.spec().target(), t -> new ArrayList<>(1)).add(child);
    running++;
    return this;
  }

  private Behavior<Command> onNodes(NodesArrived n) {
    List<ActorRef<LookupActor.Command>> targets = byTarget.get(n.target());
    if (targets != null) {
      for (ActorRef<LookupActor.Command> l : targets) {
        l.tell(new LookupActor.NodesReceived(n.from(), n.contacts()));
      }
    }
    return this;
  }

  private void forTarget(KadId target, LookupActor.Command c) {
    List<ActorRef<LookupActor.Command>> targets = byTarget.get(target);
    if (targets != null) {
      for (ActorRef<LookupActor.Command> l : targets) {
        l.tell(c);
      }
    }
  }

  private Behavior<Command> onFinished(Finished f) {
    metrics.lookup(key(f.outcome().type()), key(f.outcome().termination()));
    ActorRef<LookupOutcome> to = replyTo.remove(f.outcome().lookupId());
    if (to != null) {
      to.tell(f.outcome());
    }
    return this;
  }

  private Behavior<Command> onEnded(Ended e) {
    KadId target = e.spec().target();
    List<ActorRef<LookupActor.Command>> list = byTarget.get(target);
    if (list != null && list.remove(e.lookup())) {
      running--;
      if (list.isEmpty()) {
        byTarget.remove(target);
      }
    }
    ActorRef<LookupOutcome> to = replyTo.remove(e.id());
    if (to != null) {
      // stopped without an outcome (it failed): the requester still gets exactly one answer
      long now = clock.millis();
      to.tell(new LookupOutcome(e.id(), e.spec().type(), target, Termination.CANCELLED, 0,
          List.of(), List.of(), 0, now, now));
    }
    return this;
  }

  private Behavior<Command> onCancelAll() {
    byTarget.values().forEach(l -> l.forEach(a -> a.tell(LookupActor.Cancel.INSTANCE)));
    return this;
  }

  private static String key(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
