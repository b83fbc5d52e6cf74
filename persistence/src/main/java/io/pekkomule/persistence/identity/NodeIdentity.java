package io.pekkomule.persistence.identity;

import io.pekkomule.persistence.JournalSupervision;
import io.pekkomule.persistence.identity.IdentityEvent.DestinationKeysStored;
import io.pekkomule.persistence.identity.IdentityEvent.IdentityCreated;
import io.pekkomule.persistence.identity.IdentityEvent.IdentityRotated;
import io.pekkomule.persistence.identity.IdentityEvent.NodeStarted;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The event-sourced node identity (one per data directory): created once, the same after every
 * restart, replaced only by an explicit, confirmed {@link RotateIdentity}.
 */
public final class NodeIdentity
    extends EventSourcedBehaviorWithEnforcedReplies<NodeIdentity.Command, IdentityEvent, IdentityState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("pekko-mule-identity");

  /** Requests to the identity entity. */
  public sealed interface Command {}

  /** Returns the identity, creating it from {@code candidate} only if none exists yet. */
  public record Create(IdentityCandidate candidate, ActorRef<Identity> replyTo) implements Command {
    public Create {
      Objects.requireNonNull(candidate, "candidate");
    }
  }

  /** Records a start (restart history); fails while no identity exists. */
  public record RecordStart(Instant at, String softwareVersion, ActorRef<StatusReply<Identity>> replyTo)
      implements Command {}

  /**
   * Stores the destination keys the transport created. Idempotent for the same keys; refused when
   * other keys are already stored (only a rotation replaces a destination).
   */
  public record StoreDestinationKeys(DestinationKeys keys, Instant at,
      ActorRef<StatusReply<Identity>> replyTo) implements Command {}

  /**
   * Operator-only: replaces KadID and secret and drops the destination keys. Refused unless
   * {@code confirm} is true.
   */
  public record RotateIdentity(boolean confirm, IdentityCandidate replacement,
      ActorRef<StatusReply<Identity>> replyTo) implements Command {}

  /** The identity, if one was created. */
  public record Get(ActorRef<Optional<Identity>> replyTo) implements Command {}

  /** The restart history. */
  public record GetHistory(ActorRef<IdentityState> replyTo) implements Command {}

  static final String NO_IDENTITY = "no identity yet";
  static final String ROTATION_UNCONFIRMED =
      "identity rotation needs explicit confirmation (confirm=true)";
  static final String KEYS_ALREADY_STORED =
      "other destination keys are already stored; only an identity rotation replaces them";

  private final int snapshotEvery;

  public static Behavior<Command> create() {
    return create(100);
  }

  public static Behavior<Command> create(int snapshotEvery) {
    return new NodeIdentity(snapshotEvery);
  }

  private NodeIdentity(int snapshotEvery) {
    super(PERSISTENCE_ID, JournalSupervision.ON_JOURNAL_FAILURE);
    this.snapshotEvery = snapshotEvery;
  }

  @Override
  public IdentityState emptyState() {
    return IdentityState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, IdentityEvent, IdentityState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(RecordStart.class, this::onRecordStart)
        .onCommand(StoreDestinationKeys.class, this::onStoreKeys)
        .onCommand(RotateIdentity.class, this::onRotate)
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s.identity()))
        .onCommand(GetHistory.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  private ReplyEffect<IdentityEvent, IdentityState> onCreate(IdentityState s, Create c) {
    if (s.identity().isPresent()) {
      return Effect().reply(c.replyTo(), s.identity().get());
    }
    IdentityCandidate k = c.candidate();
    return Effect()
        .persist(new IdentityCreated(k.kadId(), k.udpVerifySecret(), k.at(), k.origin()))
        .thenReply(c.replyTo(), n -> n.identity().orElseThrow());
  }

  private ReplyEffect<IdentityEvent, IdentityState> onRecordStart(IdentityState s, RecordStart c) {
    if (s.identity().isEmpty()) {
      return Effect().reply(c.replyTo(), StatusReply.error(NO_IDENTITY));
    }
    return Effect()
        .persist(new NodeStarted(c.at(), c.softwareVersion()))
        .thenReply(c.replyTo(), n -> StatusReply.success(n.identity().orElseThrow()));
  }

  private ReplyEffect<IdentityEvent, IdentityState> onStoreKeys(IdentityState s, StoreDestinationKeys c) {
    if (s.identity().isEmpty()) {
      return Effect().reply(c.replyTo(), StatusReply.error(NO_IDENTITY));
    }
    Identity id = s.identity().get();
    if (id.destinationKeys().isPresent()) {
      return id.destinationKeys().get().equals(c.keys())
          ? Effect().reply(c.replyTo(), StatusReply.success(id))
          : Effect().reply(c.replyTo(), StatusReply.error(KEYS_ALREADY_STORED));
    }
    return Effect()
        .persist(new DestinationKeysStored(c.keys(), c.at()))
        .thenReply(c.replyTo(), n -> StatusReply.success(n.identity().orElseThrow()));
  }

  private ReplyEffect<IdentityEvent, IdentityState> onRotate(IdentityState s, RotateIdentity c) {
    if (!c.confirm()) {
      return Effect().reply(c.replyTo(), StatusReply.error(ROTATION_UNCONFIRMED));
    }
    if (s.identity().isEmpty()) {
      return Effect().reply(c.replyTo(), StatusReply.error(NO_IDENTITY));
    }
    IdentityCandidate k = c.replacement();
    if (k.kadId().equals(s.identity().get().kadId())) {
      return Effect().reply(c.replyTo(), StatusReply.error("rotation must change the KadID"));
    }
    return Effect()
        .persist(new IdentityRotated(k.kadId(), k.udpVerifySecret(), k.at()))
        .thenReply(c.replyTo(), n -> StatusReply.success(n.identity().orElseThrow()));
  }

  @Override
  public EventHandler<IdentityState, IdentityEvent> eventHandler() {
    return IdentityState::apply;
  }
}
