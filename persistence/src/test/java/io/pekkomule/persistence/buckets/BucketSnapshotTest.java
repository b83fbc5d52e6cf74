package io.pekkomule.persistence.buckets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.EsTestKits;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.testkit.SnapshotMeta;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compact snapshot form of the routing buckets ({@link BucketSnapshot}, format 1) and the
 * older form (the {@link BucketState} record): both recover the same state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BucketSnapshotTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final ActorTestKit testKit = ActorTestKit.create(EsTestKits.config());
  private final EventSourcedBehaviorTestKit<RoutingBuckets.Command, BucketEvent, BucketState> es =
      EventSourcedBehaviorTestKit.create(testKit.system(),
          RoutingBuckets.create(BucketSettings.DEFAULT), EsTestKits.serialization());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  private static StoredContact contact(int seed, boolean expires) {
    return new StoredContact(TestValues.kadId(seed), TestValues.destination(seed), seed % 256,
        (seed * 2654435761L) & 0xFFFF_FFFFL, -seed, seed % 2 == 0, seed % 5,
        T0.minusSeconds(seed).plusNanos(seed), expires ? Optional.of(T0.plusSeconds(seed)) : Optional.empty(),
        T0.plusMillis(seed), seed % 3 == 0);
  }

  private static BucketState state(int contacts, int candidates, Optional<Instant> last) {
    Map<KadId, StoredContact> table = new HashMap<>();
    for (int i = 1; i <= contacts; i++) {
      StoredContact c = contact(i, i % 2 == 1);
      table.put(c.id(), c);
    }
    Map<KadId, StoredContact> cache = new HashMap<>();
    for (int i = 1; i <= candidates; i++) {
      StoredContact c = contact(10_000 + i, i % 3 == 0);
      cache.put(c.id(), c);
    }
    return new BucketState(table, cache, last);
  }

  @Test
  void roundTripKeepsEveryField() {
    for (BucketState s : List.of(BucketState.EMPTY, state(1, 0, Optional.empty()),
        state(2_000, 200, Optional.of(T0.plusNanos(123))))) {
      BucketSnapshot snap = BucketSnapshot.of(s);
      assertEquals(BucketSnapshot.FORMAT, snap.format());
      assertEquals(s, snap.toState());
      assertEquals(s, BucketSnapshot.read(snap));
    }
  }

  @Test
  void aFullTableIsOneCompactBlob() {
    BucketSnapshot snap = BucketSnapshot.of(state(2_000, 200, Optional.of(T0)));
    // 387-byte destination + 16-byte id + ~50 bytes of other columns per row
    assertTrue(snap.columns().length < 2_200 * 460, snap.columns().length + " bytes");
  }

  @Test
  void theOldFormIsStillRead() {
    BucketState s = state(3, 2, Optional.of(T0));
    assertEquals(s, BucketSnapshot.read(s));
  }

  @Test
  void damagedOrUnknownSnapshotsAreRefused() {
    byte[] blob = BucketSnapshot.of(state(3, 1, Optional.of(T0))).columns();
    assertThrows(IllegalStateException.class,
        () -> new BucketSnapshot(2, blob).toState(), "unknown format");
    assertThrows(IllegalStateException.class,
        () -> new BucketSnapshot(1, Arrays.copyOf(blob, blob.length - 3)).toState(), "truncated");
    assertThrows(IllegalStateException.class,
        () -> new BucketSnapshot(1, Arrays.copyOf(blob, blob.length + 1)).toState(), "trailing");
    assertThrows(IllegalStateException.class, () -> BucketSnapshot.read("not a snapshot"));
  }

  @Test
  void theEntityWritesTheCompactFormAndRecoversFromBothForms() {
    var snapshots = es.snapshotTestKit().orElseThrow();
    String pid = RoutingBuckets.PERSISTENCE_ID.id();
    BucketState old = state(5, 2, Optional.of(T0));
    // a journal whose latest snapshot was written before BucketSnapshot
    snapshots.persistForRecovery(pid, List.of(Pair.create(new SnapshotMeta(7, 0), old)));
    assertEquals(old, es.restart().state());

    // a downtime is followed by a snapshot: now in the compact form, and recovery reads it
    es.<RecoveryReport>runCommand(x -> new RoutingBuckets.ApplyDowntime(T0.plusSeconds(3_600), x));
    BucketSnapshot written = snapshots.expectNextPersistedClass(pid, BucketSnapshot.class);
    BucketState now = es.getState();
    assertEquals(now, written.toState());
    assertEquals(now, es.restart().state());
  }
}
