package io.pekkomule.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.EsTestKits;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.identity.IdentityEvent.DestinationKeysStored;
import io.pekkomule.persistence.identity.IdentityEvent.IdentityCreated;
import io.pekkomule.persistence.identity.IdentityEvent.IdentityRotated;
import io.pekkomule.persistence.identity.IdentityEvent.NodeStarted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeIdentityTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final ActorTestKit testKit =
      ActorTestKit.create(EsTestKits.config());
  private final EventSourcedBehaviorTestKit<NodeIdentity.Command, IdentityEvent, IdentityState> es =
      EventSourcedBehaviorTestKit.create(testKit.system(), NodeIdentity.create(3),
          EsTestKits.serialization());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  private static IdentityCandidate candidate(int seed) {
    return new IdentityCandidate(TestValues.kadId(seed), 0x8000_0000L + seed, T0.plusSeconds(seed),
        IdentityOrigin.GENERATED);
  }

  private Identity create(int seed) {
    var r = es.<Identity>runCommand(replyTo -> new NodeIdentity.Create(candidate(seed), replyTo));
    return r.reply();
  }

  @Test
  void firstCreateWritesIdentityCreated() {
    var r = es.<Identity>runCommand(replyTo -> new NodeIdentity.Create(candidate(1), replyTo));
    assertEquals(
        new IdentityCreated(TestValues.kadId(1), 0x8000_0001L, T0.plusSeconds(1), IdentityOrigin.GENERATED),
        r.event());
    assertEquals(TestValues.kadId(1), r.reply().kadId());
    assertEquals(0x8000_0001L, r.reply().udpVerifySecret());
    assertEquals(1, r.reply().generation());
    assertEquals(Optional.empty(), r.reply().destinationKeys());
  }

  @Test
  void identityIsCreatedOnlyOnce() {
    Identity first = create(1);
    var second = es.<Identity>runCommand(replyTo -> new NodeIdentity.Create(candidate(2), replyTo));
    assertTrue(second.hasNoEvents(), "a second Create must not write anything");
    assertEquals(first, second.reply());
  }

  @Test
  void restartKeepsTheIdentityAndItsKeys() {
    Identity created = create(1);
    DestinationKeys keys = new DestinationKeys(TestValues.destination(5), TestValues.privateKeys(5));
    es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.StoreDestinationKeys(keys, T0, replyTo));
    IdentityState restarted = es.restart().state();
    Identity after = restarted.identity().orElseThrow();
    assertEquals(created.kadId(), after.kadId());
    assertEquals(created.udpVerifySecret(), after.udpVerifySecret());
    assertEquals(Optional.of(keys), after.destinationKeys());
    var again = es.<Identity>runCommand(replyTo -> new NodeIdentity.Create(candidate(9), replyTo));
    assertTrue(again.hasNoEvents());
    assertEquals(created.kadId(), again.reply().kadId());
  }

  @Test
  void startsAreRecordedAndHistoryIsBounded() {
    create(1);
    var r = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.RecordStart(T0.plusSeconds(60), "0.1.0", replyTo));
    assertEquals(new NodeStarted(T0.plusSeconds(60), "0.1.0"), r.event());
    assertTrue(r.reply().isSuccess());
    for (int i = 0; i < IdentityState.RECENT_STARTS + 4; i++) {
      int n = i;
      es.<StatusReply<Identity>>runCommand(
          replyTo -> new NodeIdentity.RecordStart(T0.plusSeconds(120 + n), "0.1.0", replyTo));
    }
    IdentityState s = es.restart().state();
    assertEquals(IdentityState.RECENT_STARTS + 5, s.startCount());
    assertEquals(IdentityState.RECENT_STARTS, s.recentStarts().size());
    assertEquals(T0.plusSeconds(120 + IdentityState.RECENT_STARTS + 3),
        s.recentStarts().get(s.recentStarts().size() - 1));
  }

  @Test
  void recordStartWithoutIdentityFails() {
    var r = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.RecordStart(T0, "0.1.0", replyTo));
    assertTrue(r.hasNoEvents());
    assertTrue(r.reply().isError());
    assertEquals(NodeIdentity.NO_IDENTITY, r.reply().getError().getMessage());
  }

  @Test
  void destinationKeysAreStoredOnceAndOnlyRotationReplacesThem() {
    create(1);
    DestinationKeys keys = new DestinationKeys(TestValues.destination(5), TestValues.privateKeys(5));
    var first = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.StoreDestinationKeys(keys, T0, replyTo));
    assertEquals(new DestinationKeysStored(keys, T0), first.event());
    var same = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.StoreDestinationKeys(keys, T0.plusSeconds(1), replyTo));
    assertTrue(same.hasNoEvents());
    assertTrue(same.reply().isSuccess());
    DestinationKeys other = new DestinationKeys(TestValues.destination(6), TestValues.privateKeys(6));
    var refused = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.StoreDestinationKeys(other, T0, replyTo));
    assertTrue(refused.hasNoEvents());
    assertEquals(NodeIdentity.KEYS_ALREADY_STORED, refused.reply().getError().getMessage());
  }

  @Test
  void rotationWithoutConfirmationIsRejected() {
    Identity before = create(1);
    var r = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.RotateIdentity(false, candidate(2), replyTo));
    assertTrue(r.hasNoEvents());
    assertEquals(NodeIdentity.ROTATION_UNCONFIRMED, r.reply().getError().getMessage());
    assertEquals(Optional.of(before), es.getState().identity());
  }

  @Test
  void confirmedRotationReplacesKadIdSecretAndDropsKeys() {
    create(1);
    DestinationKeys keys = new DestinationKeys(TestValues.destination(5), TestValues.privateKeys(5));
    es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.StoreDestinationKeys(keys, T0, replyTo));
    IdentityCandidate next = candidate(2);
    var r = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.RotateIdentity(true, next, replyTo));
    assertEquals(new IdentityRotated(next.kadId(), next.udpVerifySecret(), next.at()), r.event());
    Identity rotated = r.reply().getValue();
    assertEquals(next.kadId(), rotated.kadId());
    assertEquals(2, rotated.generation());
    assertEquals(IdentityOrigin.ROTATED, rotated.origin());
    assertEquals(Optional.empty(), rotated.destinationKeys());
    assertEquals(Optional.of(rotated), es.restart().state().identity());
  }

  @Test
  void snapshotAndRecoveryGiveTheSameState() {
    create(1);
    for (int i = 0; i < 7; i++) { // snapshot every 3 events
      int n = i;
      es.<StatusReply<Identity>>runCommand(
          replyTo -> new NodeIdentity.RecordStart(T0.plusSeconds(n), "v" + n, replyTo));
    }
    IdentityState live = es.getState();
    var snapshots = es.snapshotTestKit().orElseThrow();
    String pid = NodeIdentity.PERSISTENCE_ID.id();
    assertEquals(2, snapshots.expectNextPersistedClass(pid, IdentityState.class).startCount());
    assertEquals(5, snapshots.expectNextPersistedClass(pid, IdentityState.class).startCount());
    IdentityState recovered = es.restart().state();
    assertEquals(live, recovered);
    assertEquals(7, recovered.startCount());
  }

  @Test
  void toStringNeverShowsSecrets() {
    Identity id = create(1);
    DestinationKeys keys = new DestinationKeys(TestValues.destination(5), TestValues.privateKeys(5));
    var r = es.<StatusReply<Identity>>runCommand(
        replyTo -> new NodeIdentity.StoreDestinationKeys(keys, T0, replyTo));
    Identity withKeys = r.reply().getValue();
    String secretHex = Long.toHexString(id.udpVerifySecret());
    List<String> shown = List.of(withKeys.toString(), keys.toString(), r.event().toString(),
        es.getState().toString(), candidate(1).toString(),
        new IdentityCreated(id.kadId(), id.udpVerifySecret(), T0, IdentityOrigin.GENERATED).toString());
    byte[] priv = keys.privateKeys().reveal();
    String privPrefix = java.util.HexFormat.of().formatHex(priv, 0, 8);
    for (String s : shown) {
      assertFalse(s.toLowerCase().contains(secretHex), s);
      assertFalse(s.contains(Long.toString(id.udpVerifySecret())), s);
      assertFalse(s.toLowerCase().contains(privPrefix), s);
      assertFalse(s.contains(java.util.Base64.getEncoder().encodeToString(priv).substring(0, 12)), s);
    }
    assertTrue(withKeys.toString().contains(keys.destination().toB32()));
  }

  @Test
  void randomCandidatesAreValid() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      IdentityCandidate c = IdentityCandidate.random(rnd, T0, IdentityOrigin.GENERATED);
      assertFalse(c.kadId().isZero());
      assertTrue(c.udpVerifySecret() >= 1 && c.udpVerifySecret() <= 0xFFFF_FFFFL);
    }
  }
}
