package io.pekkomule.persistence.buckets;

import io.pekkomule.persistence.JournalSupervision;
import io.pekkomule.persistence.buckets.BucketEvent.CandidateCached;
import io.pekkomule.persistence.buckets.BucketEvent.CandidateDropped;
import io.pekkomule.persistence.buckets.BucketEvent.Checkpointed;
import io.pekkomule.persistence.buckets.BucketEvent.ContactAdded;
import io.pekkomule.persistence.buckets.BucketEvent.ContactAged;
import io.pekkomule.persistence.buckets.BucketEvent.ContactEvicted;
import io.pekkomule.persistence.buckets.BucketEvent.ContactSeen;
import io.pekkomule.persistence.buckets.BucketEvent.ContactUpdated;
import io.pekkomule.persistence.buckets.BucketEvent.ContactVerified;
import io.pekkomule.persistence.buckets.BucketEvent.DowntimeApplied;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The event-sourced routing buckets: a durable mirror of the node's routing table (contacts and
 * replacement cache) that the node feeds from its routing effects. Signs of life are coalesced so
 * the write rate stays bounded; on start {@link ApplyDowntime} ages the contacts by the downtime
 * and returns them with a jittered re-verification schedule. Times always come from the commands
 * (the node's clock), so the entity is deterministic.
 */
public final class RoutingBuckets
    extends EventSourcedBehaviorWithEnforcedReplies<RoutingBuckets.Command, BucketEvent, BucketState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("pekko-mule-buckets");

  /** Requests to the bucket store; mutations reply {@link Done} once persisted (or coalesced). */
  public sealed interface Command {}

  /** A contact entered the table (routing effect {@code ContactAdded}). */
  public record AddContact(StoredContact contact, ActorRef<Done> replyTo) implements Command {
    public AddContact {
      Objects.requireNonNull(contact, "contact");
    }
  }

  /**
   * A contact was updated (routing effect {@code ContactUpdated}). A change of endpoint (dest,
   * version, key, verified flag) is written at once; a pure liveness refresh is coalesced like
   * {@link RecordSeen}. An unknown contact is added.
   */
  public record UpdateContact(StoredContact contact, ActorRef<Done> replyTo) implements Command {
    public UpdateContact {
      Objects.requireNonNull(contact, "contact");
    }
  }

  /** A sign of life with the contact's class and expiry; coalesced per contact. */
  public record RecordSeen(KadId id, Instant at, int type, Optional<Instant> expires,
      ActorRef<Done> replyTo) implements Command {
    public RecordSeen {
      StoredContact.checkType(type);
    }
  }

  /** The contact proved its endpoint (routing effect {@code ContactVerified}). */
  public record VerifyContact(KadId id, Instant at, ActorRef<Done> replyTo) implements Command {}

  /** The contact's class got worse (small-timer {@code CheckingType}); written if it changed. */
  public record AgeContact(KadId id, int type, Optional<Instant> expires, Instant at,
      ActorRef<Done> replyTo) implements Command {
    public AgeContact {
      StoredContact.checkType(type);
    }
  }

  /** The contact left the table (routing effect {@code ContactRemoved}). */
  public record EvictContact(KadId id, EvictionReason reason, Instant at, ActorRef<Done> replyTo)
      implements Command {}

  /** A candidate waits in the replacement cache (routing effect {@code CandidateCached}). */
  public record CacheCandidate(StoredContact candidate, ActorRef<Done> replyTo) implements Command {}

  /** The node is alive (periodically and at graceful shutdown); coalesced like signs of life. */
  public record Checkpoint(Instant at, ActorRef<Done> replyTo) implements Command {}

  /** Once per start, before anything else: age by the downtime and get the contacts back. */
  public record ApplyDowntime(Instant now, ActorRef<RecoveryReport> replyTo) implements Command {}

  /** The current contacts (best first) and candidates, without changing anything. */
  public record GetContacts(ActorRef<RecoveryReport> replyTo) implements Command {}

  private final BucketSettings settings;

  private final RecoveryTimings timings;
  private final ActorContext<Command> ctx;

  public static Behavior<Command> create(BucketSettings settings) {
    return new RoutingBuckets(settings, null, null);
  }

  /** The same, recording how long its recovery takes into {@code timings} (benchmarks). */
  public static Behavior<Command> create(BucketSettings settings, RecoveryTimings timings) {
    Objects.requireNonNull(timings, "timings");
    return Behaviors.setup(ctx -> {
      timings.startNanos = System.nanoTime();
      return new RoutingBuckets(settings, timings, ctx);
    });
  }

  private RoutingBuckets(BucketSettings settings, RecoveryTimings timings,
      ActorContext<Command> ctx) {
    super(PERSISTENCE_ID, JournalSupervision.ON_JOURNAL_FAILURE);
    this.settings = settings;
    this.timings = timings;
    this.ctx = ctx;
  }

  /**
   * Snapshots are stored as a {@link BucketSnapshot} (one blob of columns); snapshots written
   * before it (the {@link BucketState} record itself) are still read.
   */
  @Override
  public SnapshotAdapter<BucketState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(BucketState state) {
        return BucketSnapshot.of(state);
      }

      @Override
      public BucketState fromJournal(Object from) {
        BucketState s = BucketSnapshot.read(from);
        if (timings != null) {
          timings.snapshotNanos = System.nanoTime();
        }
        return s;
      }
    };
  }

  @Override
  public SignalHandler<BucketState> signalHandler() {
    if (timings == null) {
      return super.signalHandler();
    }
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(),
            s -> timings.complete(System.nanoTime(), lastSequenceNumber(ctx)))
        .build();
  }

  @Override
  public BucketState emptyState() {
    return BucketState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2).withDeleteEventsOnSnapshot();
  }

  /** A downtime rewrites the whole table: snapshot right after it. */
  @Override
  public boolean shouldSnapshot(BucketState state, BucketEvent event, long sequenceNr) {
    return event instanceof DowntimeApplied;
  }

  @Override
  public CommandHandlerWithReply<Command, BucketEvent, BucketState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(AddContact.class, (s, c) -> persist(new ContactAdded(c.contact()), c.replyTo()))
        .onCommand(UpdateContact.class, this::onUpdate)
        .onCommand(RecordSeen.class, this::onSeen)
        .onCommand(VerifyContact.class, this::onVerify)
        .onCommand(AgeContact.class, this::onAge)
        .onCommand(EvictContact.class, this::onEvict)
        .onCommand(CacheCandidate.class, this::onCache)
        .onCommand(Checkpoint.class, this::onCheckpoint)
        .onCommand(ApplyDowntime.class, this::onApplyDowntime)
        .onCommand(GetContacts.class,
            (s, c) -> Effect().reply(c.replyTo(), report(s, Duration.ZERO, 0)))
        .build();
  }

  private ReplyEffect<BucketEvent, BucketState> persist(BucketEvent e, ActorRef<Done> replyTo) {
    return Effect().persist(e).thenReply(replyTo, s -> Done.getInstance());
  }

  private ReplyEffect<BucketEvent, BucketState> done(ActorRef<Done> replyTo) {
    return Effect().reply(replyTo, Done.getInstance());
  }

  private boolean withinWindow(Instant last, Instant at) {
    return Duration.between(last, at).compareTo(settings.seenWindow()) < 0;
  }

  private ReplyEffect<BucketEvent, BucketState> onUpdate(BucketState s, UpdateContact c) {
    StoredContact known = s.contacts().get(c.contact().id());
    if (known == null) {
      return persist(new ContactAdded(c.contact()), c.replyTo());
    }
    if (!known.sameEndpoint(c.contact())) {
      return persist(new ContactUpdated(c.contact()), c.replyTo());
    }
    StoredContact n = c.contact();
    return seen(known, n.lastSeen(), n.type(), n.expires(), c.replyTo());
  }

  private ReplyEffect<BucketEvent, BucketState> onSeen(BucketState s, RecordSeen c) {
    StoredContact known = s.contacts().get(c.id());
    if (known == null) {
      known = s.candidates().get(c.id());
    }
    if (known == null) {
      return done(c.replyTo());
    }
    return seen(known, c.at(), c.type(), c.expires(), c.replyTo());
  }

  /** The coalescing rule: one ContactSeen per contact per window, counted from the last one. */
  private ReplyEffect<BucketEvent, BucketState> seen(StoredContact known, Instant at, int type,
      Optional<Instant> expires, ActorRef<Done> replyTo) {
    if (withinWindow(known.lastSeen(), at)) {
      return done(replyTo);
    }
    return persist(new ContactSeen(known.id(), at, type, expires), replyTo);
  }

  private ReplyEffect<BucketEvent, BucketState> onVerify(BucketState s, VerifyContact c) {
    StoredContact known = s.contacts().get(c.id());
    if (known == null || (known.verified() && !known.reverifyPending())) {
      return done(c.replyTo());
    }
    return persist(new ContactVerified(c.id(), c.at()), c.replyTo());
  }

  private ReplyEffect<BucketEvent, BucketState> onAge(BucketState s, AgeContact c) {
    StoredContact known = s.contacts().get(c.id());
    if (known == null || known.type() == c.type()) {
      return done(c.replyTo());
    }
    return persist(new ContactAged(c.id(), c.type(), c.expires(), c.at()), c.replyTo());
  }

  private ReplyEffect<BucketEvent, BucketState> onEvict(BucketState s, EvictContact c) {
    if (!s.contacts().containsKey(c.id())) {
      return done(c.replyTo());
    }
    return persist(new ContactEvicted(c.id(), c.reason(), c.at()), c.replyTo());
  }

  private ReplyEffect<BucketEvent, BucketState> onCache(BucketState s, CacheCandidate c) {
    StoredContact cand = c.candidate();
    if (s.contacts().containsKey(cand.id()) || settings.cacheMax() == 0) {
      return done(c.replyTo());
    }
    StoredContact known = s.candidates().get(cand.id());
    if (known != null) {
      if (known.sameEndpoint(cand) && withinWindow(known.lastSeen(), cand.lastSeen())) {
        return done(c.replyTo());
      }
      return persist(new CandidateCached(cand), c.replyTo());
    }
    if (s.candidates().size() < settings.cacheMax()) {
      return persist(new CandidateCached(cand), c.replyTo());
    }
    StoredContact worst = s.worstCandidate().orElseThrow();
    if (StoredContact.BEST_FIRST.compare(cand, worst) > 0) {
      return done(c.replyTo()); // the newcomer is the worst: the cache stays as it is
    }
    return Effect()
        .persist(List.of(new CandidateDropped(worst.id(), cand.lastSeen()), new CandidateCached(cand)))
        .thenReply(c.replyTo(), x -> Done.getInstance());
  }

  private ReplyEffect<BucketEvent, BucketState> onCheckpoint(BucketState s, Checkpoint c) {
    if (s.lastActivity().isPresent() && withinWindow(s.lastActivity().get(), c.at())) {
      return done(c.replyTo());
    }
    return persist(new Checkpointed(c.at()), c.replyTo());
  }

  private ReplyEffect<BucketEvent, BucketState> onApplyDowntime(BucketState s, ApplyDowntime c) {
    if (s.lastActivity().isEmpty() || !c.now().isAfter(s.lastActivity().get())) {
      return Effect().reply(c.replyTo(), report(s, Duration.ZERO, 0));
    }
    Instant last = s.lastActivity().get();
    DowntimeAgeing.Outcome o =
        DowntimeAgeing.age(s.contacts().values(), last, c.now(), settings.ageing());
    DowntimeApplied e = new DowntimeApplied(last, c.now(), o.downtime(), o.aged(), o.removed());
    return Effect()
        .persist(e)
        .thenReply(c.replyTo(), n -> report(n, o.downtime(), o.removed().size()));
  }

  private static RecoveryReport report(BucketState s, Duration downtime, int removed) {
    return new RecoveryReport(downtime, s.contactsBestFirst(),
        s.candidates().values().stream().sorted(StoredContact.BEST_FIRST).toList(), removed);
  }

  @Override
  public EventHandler<BucketState, BucketEvent> eventHandler() {
    if (timings == null) {
      return BucketState::apply;
    }
    return (s, e) -> {
      if (timings.completedNanos != 0) {
        return s.apply(e);
      }
      long t = System.nanoTime();
      BucketState n = s.apply(e);
      timings.applyNanos += System.nanoTime() - t;
      timings.events++;
      return n;
    };
  }
}
