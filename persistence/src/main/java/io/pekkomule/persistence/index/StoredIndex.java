package io.pekkomule.persistence.index;

import io.pekkomule.persistence.JournalSupervision;
import io.pekkomule.persistence.index.IndexEvent.EntriesExpired;
import io.pekkomule.persistence.index.IndexEvent.EntryStored;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
 * The event-sourced index of keywords, sources and notes others published to us, with expiry.
 * iMule's acceptance rules (tags, loads, per-key limits) stay in the node; this keeps what was
 * accepted, bounded by {@code maxEntries}, so it survives a restart.
 */
public final class StoredIndex
    extends EventSourcedBehaviorWithEnforcedReplies<StoredIndex.Command, IndexEvent, IndexState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("pekko-mule-index");

  static final String EXPIRED = "entry is already expired";
  static final String FULL = "stored index is full";

  public sealed interface Command {}

  /** Stores (or republishes) an entry; refused when expired or when a new slot would exceed the bound. */
  public record Store(IndexEntry entry, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Drops everything expired at {@code now}; replies how many went. */
  public record Expire(Instant now, ActorRef<Integer> replyTo) implements Command {}

  /** Live entries under one key, soonest expiry last. */
  public record Lookup(IndexKind kind, KadId key, Instant now, ActorRef<List<IndexEntry>> replyTo)
      implements Command {}

  /** Every live entry at {@code now}, oldest stored first (recovery at start, the API). */
  public record GetLive(Instant now, ActorRef<List<IndexEntry>> replyTo) implements Command {}

  private final int maxEntries;
  private final int snapshotEvery;

  public static Behavior<Command> create(int maxEntries, int snapshotEvery) {
    return new StoredIndex(maxEntries, snapshotEvery);
  }

  private StoredIndex(int maxEntries, int snapshotEvery) {
    super(PERSISTENCE_ID, JournalSupervision.ON_JOURNAL_FAILURE);
    this.maxEntries = maxEntries;
    this.snapshotEvery = snapshotEvery;
  }

  @Override
  public IndexState emptyState() {
    return IndexState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public CommandHandlerWithReply<Command, IndexEvent, IndexState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Store.class, this::onStore)
        .onCommand(Expire.class, this::onExpire)
        .onCommand(Lookup.class, this::onLookup)
        .onCommand(GetLive.class, (s, c) -> Effect().reply(c.replyTo(), s.entries().values()
            .stream().filter(e -> !e.expiredAt(c.now()))
            .sorted(Comparator.comparing(IndexEntry::stored).thenComparing(IndexEntry::slot))
            .toList()))
        .build();
  }

  private ReplyEffect<IndexEvent, IndexState> onStore(IndexState s, Store c) {
    IndexEntry e = c.entry();
    if (e.expiredAt(e.stored())) {
      return Effect().reply(c.replyTo(), StatusReply.error(EXPIRED));
    }
    if (!s.entries().containsKey(e.slot()) && s.entries().size() >= maxEntries) {
      return Effect().reply(c.replyTo(), StatusReply.error(FULL));
    }
    return Effect().persist(new EntryStored(e)).thenReply(c.replyTo(), n -> StatusReply.ack());
  }

  private ReplyEffect<IndexEvent, IndexState> onExpire(IndexState s, Expire c) {
    int n = (int) s.expiredCount(c.now());
    if (n == 0) {
      return Effect().reply(c.replyTo(), 0);
    }
    return Effect().persist(new EntriesExpired(c.now())).thenReply(c.replyTo(), x -> n);
  }

  private ReplyEffect<IndexEvent, IndexState> onLookup(IndexState s, Lookup c) {
    List<IndexEntry> live = s.entries().values().stream()
        .filter(e -> e.kind() == c.kind() && e.key().equals(c.key()) && !e.expiredAt(c.now()))
        .sorted(Comparator.comparing(IndexEntry::expires).reversed().thenComparing(IndexEntry::slot))
        .toList();
    return Effect().reply(c.replyTo(), live);
  }

  @Override
  public EventHandler<IndexState, IndexEvent> eventHandler() {
    return IndexState::apply;
  }
}
