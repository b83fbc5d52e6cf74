package io.pekkomule.node.kad.lookup;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.kad.wire.Cadence;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.Outgoing;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.Duration;
import java.time.InstantSource;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.TaggedEntry;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One lookup, as a per-request child actor (the DeviceGroupQuery template): it asks the routing
 * table for seeds, drives the pure {@link Lookup} machine with a jittered step timer (~2 s, as
 * iMule's JumpStart) and the answers the {@link Lookups} manager routes to it, turns the machine's
 * requests into REQ packets for the dispatcher, replies once with a {@link LookupOutcome}, and
 * stops. It never retransmits; unanswered requests only widen the window (soft timeout) or stop
 * counting (hard timeout), as the machine decides.
 *
 * <p>Termination reasons come from the machine: converged, starved, timed out (idle lifetime), or
 * cancelled ({@link Cancel}, or no seeds within {@link #SEED_WAIT}).
 */
public final class LookupActor extends AbstractBehavior<LookupActor.Command> {

  public interface Command {}

  /** A RES (Kad2 or Kad1) for this lookup's target, already filtered by the routing table. */
  public record NodesReceived(Endpoint from, List<KadContact> contacts)
      implements Command {}

  public enum Cancel implements Command {
    INSTANCE
  }

  private record SeedsArrived(List<KadContact> seeds, List<KadContact> far) implements Command {}

  private enum Step implements Command {
    INSTANCE
  }

  private enum SeedTimeout implements Command {
    INSTANCE
  }

  /** How many of the closest contacts heard of an outcome reports. */
  static final int CLOSEST_KNOWN = 16;
  /** iMule steps a search about every 2 s. */
  public static final Duration STEP = Duration.ofSeconds(2);
  /** The first step: the machine ignores steps within its quiet period after the start. */
  static final Duration FIRST_STEP = Duration.ofMillis(1100);
  /** Seeds come from a local actor; waiting longer means the node is stopping. */
  static final Duration SEED_WAIT = Duration.ofSeconds(30);

  /** A SEARCH_RES for this lookup's target. */
  public record SearchAnswered(Endpoint from, Kad2SearchRes res) implements Command {}

  /** A PUBLISH_RES for this lookup's target. */
  public record PublishAnswered(Endpoint from, Kad2PublishRes res) implements Command {}

  /**
   * How a lookup was asked for: what, how, and how urgently its packets go out.
   *
   * @param data the search or publish phase of a data lookup (FILE, KEYWORD, NOTES, STORE*);
   *     null for node lookups, and a data lookup without one only finds the nodes
   */
  public record Spec(LookupType type, KadId target, LookupConfig config, UrgencyClass urgency,
      Origin origin, DataPhase data) {
    public Spec(LookupType type, KadId target, LookupConfig config, UrgencyClass urgency,
        Origin origin) {
      this(type, target, config, urgency, origin, null);
    }
  }

  private final KadDialect dialect;
  private final long lookupId;
  private final Spec spec;
  private final KadIdentity self;
  private final ActorRef<Dispatcher.Command> dispatcher;
  private final ActorRef<LookupOutcome> replyTo;
  private final InstantSource clock;
  private final Cadence cadence;
  private final TimerScheduler<Command> timers;
  private final Lookup machine;
  private final long startedMillis;

  /**
   * Lab diagnostics only (never set in production): told every finished lookup with its machine,
   * so the lab can tell why a node was missed ({@link Lookup#fate}).
   */
  public static volatile java.util.function.BiConsumer<LookupOutcome, Lookup> debugSink;

  /** A lookup of the iMule dialect. */
  public static Behavior<Command> create(long lookupId, Spec spec, KadIdentity self,
      ActorRef<RoutingActor.Command> routing, ActorRef<Dispatcher.Command> dispatcher,
      ActorRef<LookupOutcome> replyTo, InstantSource clock, Cadence cadence) {
    return create(KadDialect.IMULE, lookupId, spec, self, routing, dispatcher, replyTo, clock,
        cadence);
  }

  public static Behavior<Command> create(KadDialect dialect, long lookupId, Spec spec,
      KadIdentity self, ActorRef<RoutingActor.Command> routing,
      ActorRef<Dispatcher.Command> dispatcher, ActorRef<LookupOutcome> replyTo,
      InstantSource clock, Cadence cadence) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<RoutingActor.Seeds> adapter = ctx.messageAdapter(RoutingActor.Seeds.class,
          s -> new SeedsArrived(s.contacts(), s.far()));
      if (spec.type().sendsDataRequests() && spec.config().explore() > 0) {
        routing.tell(new RoutingActor.GetExploreSeeds(spec.target(), spec.config().explore(),
            Lookup.EXPLORE_DISTANCE_BITS + 1, adapter));
      } else {
        routing.tell(new RoutingActor.GetSeeds(spec.target(), adapter));
      }
      timers.startSingleTimer(SeedTimeout.INSTANCE, SEED_WAIT);
      return new LookupActor(ctx, timers, dialect, lookupId, spec, self, dispatcher, replyTo,
          clock, cadence);
    }));
  }

  private LookupActor(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      KadDialect dialect, long lookupId, Spec spec, KadIdentity self, ActorRef<Dispatcher.Command> dispatcher,
      ActorRef<LookupOutcome> replyTo, InstantSource clock, Cadence cadence) {
    super(ctx);
    this.timers = timers;
    this.dialect = dialect;
    this.lookupId = lookupId;
    this.spec = spec;
    this.self = self;
    this.dispatcher = dispatcher;
    this.replyTo = replyTo;
    this.clock = clock;
    this.cadence = cadence;
    this.machine = new Lookup(spec.type(), spec.target(), self.contact(), spec.config(), clock);
    this.startedMillis = clock.millis();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SeedsArrived.class, this::onSeeds)
        .onMessageEquals(Step.INSTANCE, () -> advance(new LookupEvent.Tick()))
        .onMessage(NodesReceived.class,
            r -> advance(new LookupEvent.NodesReceived(r.from(), r.contacts())))
        .onMessage(SearchAnswered.class, this::onSearchAnswered)
        .onMessage(PublishAnswered.class, this::onPublishAnswered)
        .onMessageEquals(Cancel.INSTANCE, () -> advance(new LookupEvent.Cancel()))
        .onMessageEquals(SeedTimeout.INSTANCE, this::onSeedTimeout)
        .build();
  }

  private Behavior<Command> onSeeds(SeedsArrived s) {
    if (!(machine.state() instanceof LookupState.NotStarted)) {
      return this;
    }
    timers.cancel(SeedTimeout.INSTANCE);
    Behavior<Command> next = advance(new LookupEvent.Start(s.seeds(), s.far()));
    timers.startSingleTimer(Step.INSTANCE, cadence.next(FIRST_STEP));
    return next;
  }

  private Behavior<Command> onSearchAnswered(SearchAnswered a) {
    if (machine.state() instanceof LookupState.NotStarted) {
      return this;
    }
    List<TaggedEntry> entries = a.res().results();
    boolean charged = machine.charged().stream().anyMatch(c -> c.endpoint().equals(a.from()));
    int accepted = charged && spec.data() != null ? spec.data().results(entries) : 0;
    return advance(new LookupEvent.SearchResultsReceived(a.from(), entries.size(), accepted));
  }

  private Behavior<Command> onPublishAnswered(PublishAnswered a) {
    if (machine.state() instanceof LookupState.NotStarted
        || (spec.data() != null && !spec.data().accepts(a.res()))) {
      return this;
    }
    boolean charged = machine.charged().stream().anyMatch(c -> c.endpoint().equals(a.from()));
    if (charged && spec.data() != null) {
      spec.data().published(a.res());
    }
    return advance(new LookupEvent.PublishAcknowledged(a.from(), a.res().load()));
  }

  private Behavior<Command> onSeedTimeout() {
    if (machine.state() instanceof LookupState.NotStarted) {
      advance(new LookupEvent.Start(List.of()));
      return advance(new LookupEvent.Cancel());
    }
    return this;
  }

  private Behavior<Command> advance(LookupEvent event) {
    LookupStep step = machine.advance(event);
    for (LookupEffect e : step.effects()) {
      if (e instanceof LookupEffect.SendNodeRequest r) {
        sendRequest(r.to(), r.count());
      } else if (e instanceof LookupEffect.SendDataRequest r && spec.data() != null) {
        sendData(r.to());
      }
      // PeerUnresponsive and AnswerIgnored only matter to metrics.
    }
    if (step.state() instanceof LookupState.Finished f) {
      LookupOutcome outcome = new LookupOutcome(lookupId, spec.type(), spec.target(), f.reason(),
          f.results(), f.completedPeers(), machine.closestKnown(CLOSEST_KNOWN), machine.requestsSent(),
          startedMillis, clock.millis());
      if (spec.data() != null) {
        spec.data().finished(outcome);
      }
      java.util.function.BiConsumer<LookupOutcome, Lookup> sink = debugSink;
      if (sink != null) {
        sink.accept(outcome, machine);
      }
      replyTo.tell(outcome);
      return Behaviors.stopped();
    }
    if (event instanceof LookupEvent.Tick) {
      timers.startSingleTimer(Step.INSTANCE, cadence.next(STEP));
    }
    return this;
  }

  /**
   * The data request: the phase's packets, to a peer (NodeID mode for version ≥ 6, else plain; a
   * contact we only know as version 0 is asked in Kad2 all the same) or ourselves.
   */
  private void sendData(KadContact to) {
    for (KadMessage m : spec.data().requests(to)) {
      dispatcher.tell(new Dispatcher.Send(Outgoing.request(m, to.endpoint(), to.id(),
          to.version(), 0, spec.urgency(), spec.origin())));
    }
  }

  private void sendRequest(KadContact to, int count) {
    dispatcher.tell(new Dispatcher.Send(dialect.nodesRequest(self, to, spec.target(), count,
        spec.urgency(), spec.origin())));
  }
}
