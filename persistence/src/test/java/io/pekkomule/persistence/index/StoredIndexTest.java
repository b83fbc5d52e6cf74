package io.pekkomule.persistence.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.Blob;
import io.pekkomule.persistence.EsTestKits;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.index.IndexEvent.EntriesExpired;
import io.pekkomule.persistence.index.IndexEvent.EntryStored;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredIndexTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final ActorTestKit testKit = ActorTestKit.create(EsTestKits.config());
  private final EventSourcedBehaviorTestKit<StoredIndex.Command, IndexEvent, IndexState> es =
      EventSourcedBehaviorTestKit.create(testKit.system(), StoredIndex.create(3, 4),
          EsTestKits.serialization());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  private static IndexEntry entry(IndexKind kind, int key, int id, Instant at) {
    return IndexEntry.storedAt(kind, TestValues.kadId(key), TestValues.kadId(id),
        TestValues.destination(id), Blob.of(new byte[] {1, 2, (byte) id}), at);
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<StoredIndex.Command, IndexEvent, IndexState, StatusReply<Done>>
      store(IndexEntry e) {
    return es.runCommand(r -> new StoredIndex.Store(e, r));
  }

  @Test
  void storeWritesEntryStoredWithTheKindsLifetime() {
    IndexEntry e = entry(IndexKind.SOURCE, 1, 2, T0);
    var r = store(e);
    assertEquals(new EntryStored(e), r.event());
    assertTrue(r.reply().isSuccess());
    assertEquals(T0.plus(Duration.ofHours(5)), r.state().entries().get(e.slot()).expires());
    assertEquals(T0.plus(Duration.ofHours(24)), entry(IndexKind.KEYWORD, 1, 2, T0).expires());
  }

  @Test
  void republicationReplacesTheSlot() {
    store(entry(IndexKind.KEYWORD, 1, 2, T0));
    IndexEntry again = entry(IndexKind.KEYWORD, 1, 2, T0.plusSeconds(3600));
    var r = store(again);
    assertEquals(1, r.state().entries().size());
    assertEquals(again, r.state().entries().get(again.slot()));
  }

  @Test
  void boundedNewSlotsRefusedRepublicationStillAccepted() {
    store(entry(IndexKind.KEYWORD, 1, 1, T0));
    store(entry(IndexKind.KEYWORD, 1, 2, T0));
    store(entry(IndexKind.SOURCE, 1, 3, T0));
    var full = store(entry(IndexKind.NOTES, 1, 4, T0));
    assertTrue(full.hasNoEvents());
    assertEquals(StoredIndex.FULL, full.reply().getError().getMessage());
    assertTrue(store(entry(IndexKind.KEYWORD, 1, 2, T0.plusSeconds(5))).reply().isSuccess());
  }

  @Test
  void expiredEntriesAreRefusedAndDropped() {
    IndexEntry stale = new IndexEntry(IndexKind.SOURCE, TestValues.kadId(1), TestValues.kadId(2),
        TestValues.destination(2), Blob.of(new byte[0]), T0, T0);
    assertEquals(StoredIndex.EXPIRED, store(stale).reply().getError().getMessage());
    store(entry(IndexKind.SOURCE, 1, 2, T0));
    store(entry(IndexKind.KEYWORD, 1, 3, T0));
    Instant later = T0.plus(Duration.ofHours(5));
    var none = es.<Integer>runCommand(r -> new StoredIndex.Expire(later.minusSeconds(1), r));
    assertTrue(none.hasNoEvents());
    assertEquals(0, none.reply());
    var r = es.<Integer>runCommand(x -> new StoredIndex.Expire(later, x));
    assertEquals(new EntriesExpired(later), r.event());
    assertEquals(1, r.reply());
    assertEquals(1, r.state().entries().size());
  }

  @Test
  void lookupReturnsLiveEntriesOfOneKey() {
    store(entry(IndexKind.KEYWORD, 1, 2, T0));
    store(entry(IndexKind.KEYWORD, 1, 3, T0.plusSeconds(10)));
    store(entry(IndexKind.KEYWORD, 9, 4, T0));
    var r = es.<List<IndexEntry>>runCommand(
        x -> new StoredIndex.Lookup(IndexKind.KEYWORD, TestValues.kadId(1), T0.plusSeconds(60), x));
    assertTrue(r.hasNoEvents());
    assertEquals(List.of(TestValues.kadId(3), TestValues.kadId(2)),
        r.reply().stream().map(IndexEntry::entryId).toList());
    var late = es.<List<IndexEntry>>runCommand(x -> new StoredIndex.Lookup(IndexKind.KEYWORD,
        TestValues.kadId(1), T0.plus(Duration.ofHours(24)).plusSeconds(5), x));
    assertEquals(List.of(TestValues.kadId(3)), late.reply().stream().map(IndexEntry::entryId).toList());
  }

  @Test
  void getLiveReturnsUnexpiredEntriesOldestFirst() {
    store(entry(IndexKind.SOURCE, 1, 2, T0));
    store(entry(IndexKind.KEYWORD, 3, 4, T0.plusSeconds(10)));
    store(entry(IndexKind.KEYWORD, 5, 6, T0.plusSeconds(5)));
    var all = es.<List<IndexEntry>>runCommand(x -> new StoredIndex.GetLive(T0.plusSeconds(60), x));
    assertEquals(List.of(2, 6, 4).stream().map(TestValues::kadId).toList(),
        all.reply().stream().map(IndexEntry::entryId).toList());
    var after5h = es.<List<IndexEntry>>runCommand(
        x -> new StoredIndex.GetLive(T0.plus(Duration.ofHours(5)), x));
    assertEquals(2, after5h.reply().size(), "the source expired after 5 h");
    assertTrue(after5h.hasNoEvents());
  }

  @Test
  void snapshotAndRecovery() {
    for (int i = 1; i <= 3; i++) {
      store(entry(IndexKind.KEYWORD, 1, i, T0.plusSeconds(i)));
    }
    es.<Integer>runCommand(x -> new StoredIndex.Expire(T0.plus(Duration.ofHours(24)).plusSeconds(1), x));
    store(entry(IndexKind.SOURCE, 7, 8, T0.plus(Duration.ofHours(25))));
    IndexState live = es.getState();
    assertEquals(2, es.snapshotTestKit().orElseThrow()
        .expectNextPersistedClass(StoredIndex.PERSISTENCE_ID.id(), IndexState.class).entries().size());
    assertEquals(live, es.restart().state());
    assertEquals(3, live.entries().size());
  }
}
