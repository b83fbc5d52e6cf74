package io.pekkomule.persistence.index;

import io.pekkomule.persistence.JournalSupervision;
import io.pekkomule.persistence.index.PublicationEvent.PublicationPublished;
import io.pekkomule.persistence.index.PublicationEvent.PublicationRegistered;
import io.pekkomule.persistence.index.PublicationEvent.PublicationWithdrawn;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
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
 * The event-sourced list of our own publications and their next republish times, so a restart
 * neither republishes everything at once nor forgets what is due.
 */
public final class OwnPublications
    extends EventSourcedBehaviorWithEnforcedReplies<OwnPublications.Command, PublicationEvent, PublicationsState> {

  public static final PersistenceId PERSISTENCE_ID =
      PersistenceId.ofUniqueId("pekko-mule-publications");

  static final String UNKNOWN = "no such publication";

  public sealed interface Command {}

  /** Starts tracking a publication, first due at {@code firstDue}; idempotent. */
  public record Register(PublicationKind kind, KadId target, KadId fileId, Instant at,
      Instant firstDue, ActorRef<Done> replyTo) implements Command {}

  /** A publish round succeeded at {@code at}; the next is due at {@code nextDue}. */
  public record RecordPublished(PublicationKind kind, KadId target, KadId fileId, Instant at,
      Instant nextDue, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Stops tracking (file unshared); idempotent. */
  public record Withdraw(PublicationKind kind, KadId target, KadId fileId, Instant at,
      ActorRef<Done> replyTo) implements Command {}

  /** Publications due at {@code now}, most overdue first. */
  public record Due(Instant now, ActorRef<List<Publication>> replyTo) implements Command {}

  /** Starts sharing a file (kept with its description); idempotent for the same description. */
  public record ShareFile(KadId fileId, SharedFileRecord file, Instant at, ActorRef<Done> replyTo)
      implements Command {}

  /** Stops sharing a file and forgets its publications; idempotent. */
  public record UnshareFile(KadId fileId, Instant at, ActorRef<Done> replyTo) implements Command {}

  /** The whole state: shared files and publications (recovery at start). */
  public record GetAll(ActorRef<PublicationsState> replyTo) implements Command {}

  private final int snapshotEvery;

  public static Behavior<Command> create(int snapshotEvery) {
    return new OwnPublications(snapshotEvery);
  }

  private OwnPublications(int snapshotEvery) {
    super(PERSISTENCE_ID, JournalSupervision.ON_JOURNAL_FAILURE);
    this.snapshotEvery = snapshotEvery;
  }

  @Override
  public PublicationsState emptyState() {
    return PublicationsState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public CommandHandlerWithReply<Command, PublicationEvent, PublicationsState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::onRegister)
        .onCommand(RecordPublished.class, this::onPublished)
        .onCommand(Withdraw.class, this::onWithdraw)
        .onCommand(Due.class, this::onDue)
        .onCommand(ShareFile.class, (s, c) -> c.file().equals(s.files().get(c.fileId().toHex()))
            ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(new PublicationEvent.FileShared(c.fileId(), c.file(), c.at()))
                .thenReply(c.replyTo(), n -> Done.getInstance()))
        .onCommand(UnshareFile.class, (s, c) -> !s.files().containsKey(c.fileId().toHex())
            ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(new PublicationEvent.FileUnshared(c.fileId(), c.at()))
                .thenReply(c.replyTo(), n -> Done.getInstance()))
        .onCommand(GetAll.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  private ReplyEffect<PublicationEvent, PublicationsState> onRegister(PublicationsState s, Register c) {
    if (s.publications().containsKey(Publication.slot(c.kind(), c.target(), c.fileId()))) {
      return Effect().reply(c.replyTo(), Done.getInstance());
    }
    Publication p = new Publication(c.kind(), c.target(), c.fileId(), c.at(), Optional.empty(), c.firstDue());
    return Effect().persist(new PublicationRegistered(p)).thenReply(c.replyTo(), n -> Done.getInstance());
  }

  private ReplyEffect<PublicationEvent, PublicationsState> onPublished(PublicationsState s, RecordPublished c) {
    if (!s.publications().containsKey(Publication.slot(c.kind(), c.target(), c.fileId()))) {
      return Effect().reply(c.replyTo(), StatusReply.error(UNKNOWN));
    }
    return Effect()
        .persist(new PublicationPublished(c.kind(), c.target(), c.fileId(), c.at(), c.nextDue()))
        .thenReply(c.replyTo(), n -> StatusReply.ack());
  }

  private ReplyEffect<PublicationEvent, PublicationsState> onWithdraw(PublicationsState s, Withdraw c) {
    if (!s.publications().containsKey(Publication.slot(c.kind(), c.target(), c.fileId()))) {
      return Effect().reply(c.replyTo(), Done.getInstance());
    }
    return Effect()
        .persist(new PublicationWithdrawn(c.kind(), c.target(), c.fileId(), c.at()))
        .thenReply(c.replyTo(), n -> Done.getInstance());
  }

  private ReplyEffect<PublicationEvent, PublicationsState> onDue(PublicationsState s, Due c) {
    List<Publication> due = s.publications().values().stream()
        .filter(p -> !p.nextRepublish().isAfter(c.now()))
        .sorted(Comparator.comparing(Publication::nextRepublish).thenComparing(Publication::slot))
        .toList();
    return Effect().reply(c.replyTo(), due);
  }

  @Override
  public EventHandler<PublicationsState, PublicationEvent> eventHandler() {
    return PublicationsState::apply;
  }
}
