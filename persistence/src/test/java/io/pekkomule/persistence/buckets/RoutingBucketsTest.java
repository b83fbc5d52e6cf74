package io.pekkomule.persistence.buckets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.EsTestKits;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.buckets.BucketEvent.AgedContact;
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
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingBucketsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);
  /** No per-contact spread, keep at least 2: exact numbers in tests. */
  private static final AgeingPolicy AGEING =
      new AgeingPolicy(AgeingPolicy.DEFAULT.dwell(), 0.0, 2);
  private static final BucketSettings SETTINGS =
      new BucketSettings(WINDOW, 3, 5, AGEING);

  private final ActorTestKit testKit = ActorTestKit.create(EsTestKits.config());
  private final EventSourcedBehaviorTestKit<RoutingBuckets.Command, BucketEvent, BucketState> es =
      EventSourcedBehaviorTestKit.create(testKit.system(),
          RoutingBuckets.create(SETTINGS), EsTestKits.serialization());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  static StoredContact contact(int seed, int type, boolean verified, Instant seen) {
    return new StoredContact(TestValues.kadId(seed), TestValues.destination(seed), 8, 0x1234 + seed,
        0x55, verified, type, seen.minus(Duration.ofHours(3)), Optional.empty(), seen, false);
  }

  private EventSourcedBehaviorTestKit.CommandResult<RoutingBuckets.Command, BucketEvent, BucketState>
      add(StoredContact c) {
    return es.<Done>runCommand(r -> new RoutingBuckets.AddContact(c, r));
  }

  private EventSourcedBehaviorTestKit.CommandResult<RoutingBuckets.Command, BucketEvent, BucketState>
      seen(KadId id, Instant at) {
    return es.<Done>runCommand(r -> new RoutingBuckets.RecordSeen(id, at, 2, Optional.of(at.plusSeconds(3600)), r));
  }

  @Test
  void addContactWritesContactAdded() {
    StoredContact c = contact(1, 3, false, T0);
    var r = add(c);
    assertEquals(new ContactAdded(c), r.event());
    assertEquals(c, r.state().contacts().get(c.id()));
    assertEquals(Optional.of(T0), r.state().lastActivity());
  }

  @Test
  void duplicateSeenWithinTheWindowWritesNoEvent() {
    StoredContact c = contact(1, 3, true, T0);
    add(c);
    assertTrue(seen(c.id(), T0.plusSeconds(1)).hasNoEvents());
    assertTrue(seen(c.id(), T0.plus(WINDOW).minusSeconds(1)).hasNoEvents());
    var written = seen(c.id(), T0.plus(WINDOW));
    assertEquals(new ContactSeen(c.id(), T0.plus(WINDOW), 2, Optional.of(T0.plus(WINDOW).plusSeconds(3600))),
        written.event());
    assertTrue(seen(c.id(), T0.plus(WINDOW).plusSeconds(30)).hasNoEvents(),
        "the window restarts at the last written ContactSeen");
  }

  @Test
  void aPacketEveryFiveSecondsForAnHourWritesOneSeenPerWindow() {
    StoredContact c = contact(1, 3, true, T0);
    add(c);
    int events = 0;
    for (int s = 5; s <= 3600; s += 5) {
      events += seen(c.id(), T0.plusSeconds(s)).events().size();
    }
    assertEquals(6, events, "720 packets, 60 min / 10 min window");
  }

  @Test
  void livenessOnlyUpdateIsCoalescedEndpointChangeIsWritten() {
    StoredContact c = contact(1, 3, true, T0);
    add(c);
    StoredContact refreshed = c.seen(2, Optional.of(T0.plusSeconds(3600)), T0.plusSeconds(60));
    assertTrue(es.<Done>runCommand(r -> new RoutingBuckets.UpdateContact(refreshed, r)).hasNoEvents());
    StoredContact moved = new StoredContact(c.id(), TestValues.destination(99), 8, c.udpKey(),
        c.udpKeyReceivedOn(), c.verified(), 2, c.created(), Optional.empty(), T0.plusSeconds(61), false);
    var r = es.<Done>runCommand(x -> new RoutingBuckets.UpdateContact(moved, x));
    assertEquals(new ContactUpdated(moved), r.event());
    assertEquals(TestValues.destination(99), r.state().contacts().get(c.id()).dest());
  }

  @Test
  void updateOfAnUnknownContactAddsIt() {
    StoredContact c = contact(4, 3, false, T0);
    var r = es.<Done>runCommand(x -> new RoutingBuckets.UpdateContact(c, x));
    assertEquals(new ContactAdded(c), r.event());
  }

  @Test
  void verificationIsWrittenOnce() {
    StoredContact c = contact(1, 3, false, T0);
    add(c);
    var r = es.<Done>runCommand(x -> new RoutingBuckets.VerifyContact(c.id(), T0.plusSeconds(5), x));
    assertEquals(new ContactVerified(c.id(), T0.plusSeconds(5)), r.event());
    assertTrue(r.state().contacts().get(c.id()).verified());
    assertTrue(es.<Done>runCommand(x -> new RoutingBuckets.VerifyContact(c.id(), T0.plusSeconds(6), x))
        .hasNoEvents());
    assertTrue(es.<Done>runCommand(x -> new RoutingBuckets.VerifyContact(TestValues.kadId(77), T0, x))
        .hasNoEvents(), "unknown contacts are ignored");
  }

  @Test
  void ageingIsWrittenOnlyWhenTheClassChanges() {
    StoredContact c = contact(1, 2, true, T0);
    add(c);
    assertTrue(es.<Done>runCommand(x -> new RoutingBuckets.AgeContact(c.id(), 2, Optional.empty(), T0, x))
        .hasNoEvents());
    Optional<Instant> exp = Optional.of(T0.plusSeconds(120));
    var r = es.<Done>runCommand(x -> new RoutingBuckets.AgeContact(c.id(), 3, exp, T0.plusSeconds(1), x));
    assertEquals(new ContactAged(c.id(), 3, exp, T0.plusSeconds(1)), r.event());
    assertEquals(3, r.state().contacts().get(c.id()).type());
  }

  @Test
  void evictionRemovesTheContactAndIsIdempotent() {
    StoredContact c = contact(1, 4, true, T0);
    add(c);
    var r = es.<Done>runCommand(x -> new RoutingBuckets.EvictContact(c.id(), EvictionReason.DEAD, T0.plusSeconds(9), x));
    assertEquals(new ContactEvicted(c.id(), EvictionReason.DEAD, T0.plusSeconds(9)), r.event());
    assertFalse(r.state().contacts().containsKey(c.id()));
    assertTrue(es.<Done>runCommand(x -> new RoutingBuckets.EvictContact(c.id(), EvictionReason.DEAD, T0, x))
        .hasNoEvents());
  }

  private EventSourcedBehaviorTestKit.CommandResult<RoutingBuckets.Command, BucketEvent, BucketState>
      cache(StoredContact c) {
    return es.<Done>runCommand(x -> new RoutingBuckets.CacheCandidate(c, x));
  }

  @Test
  void fullReplacementCacheEvictsWorstFirst() {
    // cache holds 3; worst = unverified, then older lastSeen
    StoredContact verifiedOld = contact(1, 3, true, T0);
    StoredContact unverifiedNew = contact(2, 3, false, T0.plusSeconds(50));
    StoredContact unverifiedOld = contact(3, 3, false, T0.plusSeconds(10));
    cache(verifiedOld);
    cache(unverifiedNew);
    cache(unverifiedOld);
    StoredContact verifiedNew = contact(4, 3, true, T0.plusSeconds(60));
    var r1 = cache(verifiedNew);
    assertEquals(List.of(new CandidateDropped(unverifiedOld.id(), T0.plusSeconds(60)),
        new CandidateCached(verifiedNew)), r1.events());
    StoredContact unverifiedOldest = contact(5, 3, false, T0.plusSeconds(5));
    assertTrue(cache(unverifiedOldest).hasNoEvents(), "a newcomer worse than every candidate is refused");
    StoredContact unverifiedNewest = contact(6, 3, false, T0.plusSeconds(70));
    var r2 = cache(unverifiedNewest);
    assertEquals(new CandidateDropped(unverifiedNew.id(), T0.plusSeconds(70)), r2.events().get(0));
    StoredContact verifiedNewest = contact(7, 3, true, T0.plusSeconds(80));
    var r3 = cache(verifiedNewest);
    assertEquals(new CandidateDropped(unverifiedNewest.id(), T0.plusSeconds(80)), r3.events().get(0));
    StoredContact verifiedLatest = contact(8, 3, true, T0.plusSeconds(90));
    var r4 = cache(verifiedLatest);
    assertEquals(new CandidateDropped(verifiedOld.id(), T0.plusSeconds(90)), r4.events().get(0),
        "among verified candidates the least recently seen goes first");
    assertEquals(java.util.Set.of(verifiedNew.id(), verifiedNewest.id(), verifiedLatest.id()),
        r4.state().candidates().keySet());
  }

  @Test
  void addingACachedCandidatePromotesIt() {
    StoredContact c = contact(1, 3, true, T0);
    cache(c);
    assertTrue(cache(c).hasNoEvents(), "re-caching the same candidate inside the window is coalesced");
    var r = add(c);
    assertTrue(r.state().contacts().containsKey(c.id()));
    assertFalse(r.state().candidates().containsKey(c.id()));
  }

  @Test
  void checkpointsAreCoalesced() {
    var r = es.<Done>runCommand(x -> new RoutingBuckets.Checkpoint(T0, x));
    assertEquals(new Checkpointed(T0), r.event());
    assertTrue(es.<Done>runCommand(x -> new RoutingBuckets.Checkpoint(T0.plusSeconds(60), x)).hasNoEvents());
    assertEquals(new Checkpointed(T0.plus(WINDOW)),
        es.<Done>runCommand(x -> new RoutingBuckets.Checkpoint(T0.plus(WINDOW), x)).event());
  }

  @Test
  void downtimeAgesContactsAndMarksThemForReverification() {
    StoredContact best = contact(1, 0, true, T0);
    StoredContact fresh = contact(2, 3, true, T0);
    StoredContact dead = contact(3, 4, false, T0);
    StoredContact deadToo = contact(4, 4, false, T0.minusSeconds(60));
    for (StoredContact c : List.of(best, fresh, dead, deadToo)) {
      add(c);
    }
    Instant now = T0.plus(Duration.ofHours(25));
    var r = es.<RecoveryReport>runCommand(x -> new RoutingBuckets.ApplyDowntime(now, x));
    // 25 h: class 0 -> 4h,3h,2h,2h = 11 h to class 4, 14 h into its 24 h; class 3 -> 2h then 23 h
    // of class 4; class 4 contacts outlast it (24 h) and go, but min-kept=2 is already met.
    assertEquals(new DowntimeApplied(T0, now, Duration.ofHours(25),
        List.of(new AgedContact(best.id(), 4), new AgedContact(fresh.id(), 4)).stream()
            .sorted(java.util.Comparator.comparing(AgedContact::id)).toList(),
        List.of(dead.id(), deadToo.id()).stream().sorted().toList()), r.event());
    RecoveryReport report = r.reply();
    assertEquals(Duration.ofHours(25), report.downtime());
    assertEquals(2, report.removed());
    assertEquals(List.of(best.id(), fresh.id()).stream().sorted().toList(),
        report.contacts().stream().map(StoredContact::id).sorted().toList());
    assertTrue(report.contacts().stream().allMatch(c -> c.reverifyPending() && c.expires().isEmpty()));
    // a sign of life clears the pending re-verification (and is written: the window has passed)
    var s = seen(best.id(), now.plusSeconds(30));
    assertFalse(s.hasNoEvents());
    assertFalse(s.state().contacts().get(best.id()).reverifyPending());
  }

  @Test
  void downtimeNeverEmptiesTheTableBelowMinKept() {
    add(contact(1, 4, false, T0));
    add(contact(2, 4, true, T0));
    add(contact(3, 4, false, T0.plusSeconds(30)));
    var r = es.<RecoveryReport>runCommand(x -> new RoutingBuckets.ApplyDowntime(T0.plus(Duration.ofDays(30)), x));
    assertEquals(1, r.reply().removed());
    assertEquals(List.of(TestValues.kadId(2), TestValues.kadId(3)),
        r.reply().contacts().stream().map(StoredContact::id).toList(),
        "the verified one and the most recently seen unverified one are kept, best first");
  }

  @Test
  void applyDowntimeOnAnEmptyStoreWritesNothing() {
    var r = es.<RecoveryReport>runCommand(x -> new RoutingBuckets.ApplyDowntime(T0, x));
    assertTrue(r.hasNoEvents());
    assertEquals(Duration.ZERO, r.reply().downtime());
    assertTrue(r.reply().contacts().isEmpty());
  }

  @Test
  void snapshotAndRecoveryRestoreTheSameBuckets() {
    for (int i = 1; i <= 9; i++) {
      add(contact(i, 3, i % 2 == 0, T0.plusSeconds(i)));
    }
    cache(contact(20, 3, true, T0.plusSeconds(20)));
    cache(contact(21, 3, false, T0.plusSeconds(21)));
    es.<Done>runCommand(x -> new RoutingBuckets.VerifyContact(TestValues.kadId(1), T0.plusSeconds(30), x));
    BucketState live = es.getState();
    // 12 events, a snapshot every 5 with older events deleted: recovery must go through a snapshot
    var snapshots = es.snapshotTestKit().orElseThrow();
    String pid = RoutingBuckets.PERSISTENCE_ID.id();
    assertEquals(5, snapshots.expectNextPersistedClass(pid, BucketSnapshot.class).toState().contacts().size());
    assertEquals(9, snapshots.expectNextPersistedClass(pid, BucketSnapshot.class).toState().contacts().size());
    BucketState recovered = es.restart().state();
    assertEquals(live, recovered);
    assertEquals(9, recovered.contacts().size());
    assertEquals(2, recovered.candidates().size());
  }

  @Test
  void downtimeIsFollowedByASnapshot() {
    add(contact(1, 3, true, T0));
    es.<RecoveryReport>runCommand(x -> new RoutingBuckets.ApplyDowntime(T0.plusSeconds(7200), x));
    var snapshots = es.snapshotTestKit().orElseThrow();
    BucketState snap = snapshots.expectNextPersistedClass(RoutingBuckets.PERSISTENCE_ID.id(),
        BucketSnapshot.class).toState();
    assertTrue(snap.contacts().get(TestValues.kadId(1)).reverifyPending());
  }
}
