package io.pekkomule.node.kad.routing;

import static io.pekkomule.node.kad.KadFixtures.T0;
import static io.pekkomule.node.kad.KadFixtures.contact;
import static io.pekkomule.node.kad.KadFixtures.ep;
import static io.pekkomule.node.kad.KadFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.routing.RoutingEffect.CandidateCached;
import io.pekkomule.node.kad.routing.RoutingEffect.Challenge;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactAdded;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactRefused;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactRemoved;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactUpdated;
import io.pekkomule.node.kad.routing.RoutingEffect.SendHello;
import io.pekkomule.node.kad.routing.RoutingEffect.StartLookup;
import io.pekkomule.node.kad.routing.RoutingEvent.ContactSeen;
import io.pekkomule.node.kad.routing.RoutingEvent.ContactVerified;
import io.pekkomule.node.kad.routing.RoutingEvent.MarkAllVerified;
import io.pekkomule.node.kad.routing.RoutingEvent.PacketReceived;
import io.pekkomule.node.kad.routing.RoutingEvent.RemoveContact;
import io.pekkomule.node.kad.routing.RoutingEvent.Tick;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTableTest {
  static final KadId OWN = id(0x00);
  static final int OWN_HASH = 0x7EADBEEF;
  static final int OTHER_HASH = 0x11111111;

  final FakeClock clock = new FakeClock();

  RoutingTable table(RoutingConfig config) {
    return new RoutingTable(OWN, OWN_HASH, config, clock, new SplittableRandom(7));
  }

  RoutingTable table() {
    return table(RoutingConfig.DEFAULT);
  }

  static List<RoutingEffect> seen(RoutingTable t, KadContact c, boolean verified,
      ContactSource source) {
    return t.handle(new ContactSeen(c, UdpKey.EMPTY, verified, source));
  }

  static List<RoutingEffect> addVerified(RoutingTable t, KadContact c) {
    return seen(t, c, true, ContactSource.RES_ENTRY);
  }

  static List<RoutingEffect> hello(RoutingTable t, KadContact c, boolean verified) {
    return seen(t, c, verified, ContactSource.HELLO);
  }

  static List<RoutingEffect> tick(RoutingTable t) {
    return t.handle(new Tick());
  }

  static RoutingContact get(RoutingTable t, KadId id) {
    return t.get(id).orElseThrow();
  }

  static <T> List<T> only(List<RoutingEffect> effects, Class<T> type) {
    return effects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Leaves left to right as "level/index:contacts". */
  static String shape(RoutingTable t) {
    return t.leaves().stream()
        .map(z -> z.level() + "/" + z.index() + ":" + z.contacts().size())
        .collect(Collectors.joining(" "));
  }

  static List<KadId> ids(List<RoutingContact> contacts) {
    return contacts.stream().map(RoutingContact::id).toList();
  }

  /** Whether the first {@code level} bits of {@code distance} spell {@code index}. */
  static boolean inZone(KadId distance, int level, long index) {
    for (int i = 0; i < level; i++) {
      int shift = level - 1 - i;
      int expected = shift >= 64 ? 0 : (int) (index >>> shift) & 1;
      if (distance.bit(i) != expected) {
        return false;
      }
    }
    return true;
  }

  /** Ten verified contacts 0x50..0x59: forces the split chain down to zone (4, 5). */
  RoutingTable fullFarZone(RoutingConfig config) {
    RoutingTable t = table(config);
    for (int i = 0; i < 10; i++) {
      addVerified(t, contact(0x50 + i));
    }
    return t;
  }

  // ------------------------------------------------------------------ tree shape

  @Test
  void rootBinSplitsWhenTheEleventhContactArrives() {
    RoutingTable t = table();
    for (int i = 1; i <= 10; i++) {
      assertEquals(1, addVerified(t, contact(0x10 * i)).size());
    }
    assertEquals("0/0:10", shape(t));

    KadContact eleventh = contact(0xB0);
    List<RoutingEffect> fx = addVerified(t, eleventh);

    assertEquals(List.of(new ContactAdded(get(t, eleventh.id()), false)), fx);
    assertEquals("1/0:7 1/1:4", shape(t));
    assertEquals(List.of(id(0x80), id(0x90), id(0xA0), id(0xB0)),
        ids(t.leaves().get(1).contacts()));
  }

  @Test
  void farZoneBeyondKbaseDoesNotSplitAndCachesTheNewcomer() {
    RoutingTable t = fullFarZone(RoutingConfig.DEFAULT);
    assertEquals("0/0:10", shape(t));

    KadContact extra = contact(0x5A);
    List<RoutingEffect> fx = addVerified(t, extra);

    // root..level 3 split because level < KBASE; zone (4, 5) may not: 5 >= KK and 4 >= KBASE
    assertEquals("2/0:0 4/4:0 4/5:10 3/3:0 1/1:0", shape(t));
    assertEquals(List.of(new CandidateCached(t.candidate(extra.id()).orElseThrow())), fx);
    assertTrue(t.get(extra.id()).isEmpty());
    assertEquals(10, t.size());
    assertEquals(List.of(extra.id()), ids(t.leaves().get(2).replacements()));
  }

  @Test
  void zoneWithIndexBelowKkSplitsBeyondKbaseButItsFarChildDoesNot() {
    RoutingTable t = table();
    for (int i = 0; i <= 10; i++) {
      addVerified(t, contact(0x40 + i));
    }
    assertEquals("2/0:0 5/8:8 5/9:3 4/5:0 3/3:0 1/1:0", shape(t));

    addVerified(t, contact(0x41, 1, 8));
    addVerified(t, contact(0x42, 1, 8));
    assertEquals("2/0:0 5/8:10 5/9:3 4/5:0 3/3:0 1/1:0", shape(t));

    KadContact extra = contact(0x43, 1, 8);
    List<RoutingEffect> fx = addVerified(t, extra);
    assertEquals(List.of(new CandidateCached(t.candidate(extra.id()).orElseThrow())), fx);
    assertEquals("2/0:0 5/8:10 5/9:3 4/5:0 3/3:0 1/1:0", shape(t));
  }

  @Test
  void zonesNextToOwnIdKeepSplittingDeepIntoTheLowWord() {
    RoutingTable t = table();
    for (int n = 1; n <= 11; n++) {
      addVerified(t, contact(0x00, n, 8));
    }
    assertEquals(11, t.size());
    int deepest = t.leaves().stream().mapToInt(ZoneView::level).max().orElseThrow();
    assertEquals(125, deepest); // ids 1..11 first differ in bit 124; 8 of them share bit 124 = 0
    for (ZoneView z : t.leaves()) {
      assertTrue(z.contacts().size() <= KadConstants.K);
      for (RoutingContact c : z.contacts()) {
        assertTrue(inZone(OWN.xor(c.id()), z.level(), z.index()));
      }
    }
  }

  // ------------------------------------------------------------------ replacement cache

  @Test
  void removingAMemberPromotesTheCachedCandidate() {
    RoutingTable t = fullFarZone(RoutingConfig.DEFAULT);
    KadContact extra = contact(0x5A);
    addVerified(t, extra);
    clock.advance(Duration.ofSeconds(5));
    RoutingContact before = get(t, id(0x50));

    List<RoutingEffect> fx = t.handle(new RemoveContact(id(0x50)));

    RoutingContact promoted = get(t, extra.id());
    assertEquals(List.of(new ContactRemoved(before, RemovalReason.REQUESTED),
        new ContactAdded(promoted, true)), fx);
    assertEquals(3, promoted.type());
    assertEquals(T0 + 5000, promoted.createdMillis());
    assertEquals(ContactState.VERIFIED, promoted.state());
    assertTrue(t.candidate(extra.id()).isEmpty());
    assertEquals(10, t.size());
  }

  @Test
  void unverifiedPromotedCandidateIsChallenged() {
    RoutingTable t = fullFarZone(RoutingConfig.DEFAULT);
    KadContact extra = contact(0x5A, 0, 7);
    seen(t, extra, false, ContactSource.RES_ENTRY);
    assertEquals(ContactState.SEEN, t.candidate(extra.id()).orElseThrow().state());

    List<RoutingEffect> fx = t.handle(new RemoveContact(id(0x51)));

    RoutingContact promoted = get(t, extra.id());
    assertEquals(ContactState.CHALLENGED, promoted.state());
    assertEquals(List.of(new Challenge(promoted, ChallengeKind.PING)), only(fx, Challenge.class));
  }

  @Test
  void replacementCacheIsBoundedAndPrefersVerifiedThenRecent() {
    RoutingTable t = fullFarZone(new RoutingConfig(2, 0));
    KadContact c1 = contact(0x5A);
    KadContact c2 = contact(0x5B);
    KadContact c3 = contact(0x5C);
    KadContact c4 = contact(0x5D);
    seen(t, c1, false, ContactSource.RES_ENTRY);
    clock.advance(Duration.ofSeconds(1));
    seen(t, c2, true, ContactSource.RES_ENTRY);
    clock.advance(Duration.ofSeconds(1));
    List<RoutingEffect> fx = seen(t, c3, false, ContactSource.RES_ENTRY);
    assertEquals(List.of(new CandidateCached(t.candidate(c3.id()).orElseThrow())), fx);
    assertTrue(t.candidate(c1.id()).isEmpty(), "oldest unverified candidate evicted");
    clock.advance(Duration.ofSeconds(1));
    seen(t, c4, false, ContactSource.RES_ENTRY);
    assertEquals(List.of(c2.id(), c4.id()), ids(t.leaves().get(2).replacements()));
  }

  @Test
  void withoutACacheAFullBinDropsTheContactLikeImule() {
    RoutingTable t = fullFarZone(new RoutingConfig(0, 0));
    KadContact extra = contact(0x5A);
    assertEquals(List.of(new ContactRefused(extra, RefusalReason.BIN_FULL)), addVerified(t, extra));
    assertTrue(t.candidate(extra.id()).isEmpty());
  }

  // ------------------------------------------------------------------ consolidation

  @Test
  void siblingsHoldingFewerThanFiveMergeOnTheConsolidateTimer() {
    RoutingTable t = fullFarZone(new RoutingConfig(0, 0));
    addVerified(t, contact(0x5A)); // splits down to (4, 5); dropped, no cache
    for (int i = 0; i < 5; i++) {
      t.handle(new RemoveContact(id(0x50 + i)));
    }
    assertEquals("2/0:0 4/4:0 4/5:5 3/3:0 1/1:0", shape(t));

    clock.at(Duration.ofMinutes(45).minusMillis(1));
    tick(t);
    assertEquals("2/0:0 4/4:0 4/5:5 3/3:0 1/1:0", shape(t), "not due yet");
    clock.at(Duration.ofMinutes(45));
    tick(t);
    assertEquals("2/0:0 4/4:0 4/5:5 3/3:0 1/1:0", shape(t), "5 together is not < K/2");

    t.handle(new RemoveContact(id(0x55)));
    clock.at(Duration.ofMinutes(90));
    tick(t);
    assertEquals("0/0:4", shape(t));
    ZoneView root = t.leaves().get(0);
    assertEquals(List.of(id(0x56), id(0x57), id(0x58), id(0x59)), ids(root.contacts()));
    assertEquals(clock.millis() + 10_000, root.nextBigTimerMillis());
  }

  // ------------------------------------------------------------------ one per hash, flips

  @Test
  void oneContactPerDestinationHashAndIdentityFlipsAreRefused() {
    RoutingTable t = table();
    KadContact a = new KadContact(8, id(0x10), ep(100));
    addVerified(t, a);

    KadContact flip = new KadContact(8, id(0x20), ep(100));
    assertEquals(List.of(new ContactRefused(flip, RefusalReason.IDENTITY_FLIP)),
        addVerified(t, flip));
    assertEquals(1, get(t, a.id()).identityFlips());
    assertEquals(List.of(new ContactRefused(flip, RefusalReason.IDENTITY_FLIP)),
        hello(t, flip, true));
    assertEquals(2, get(t, a.id()).identityFlips());

    KadContact collision = new KadContact(8, id(0x30), ep(100, 1));
    assertEquals(List.of(new ContactRefused(collision, RefusalReason.HASH_TAKEN)),
        addVerified(t, collision));

    KadContact d = new KadContact(8, id(0x40), ep(200));
    addVerified(t, d);
    KadContact aToD = new KadContact(8, a.id(), ep(200));
    assertEquals(List.of(new ContactRefused(aToD, RefusalReason.IDENTITY_FLIP)),
        hello(t, aToD, true));
    KadContact aToDHash = new KadContact(8, a.id(), ep(200, 1));
    assertEquals(List.of(new ContactRefused(aToDHash, RefusalReason.HASH_TAKEN)),
        hello(t, aToDHash, true));

    assertEquals(ep(100), get(t, a.id()).dest());
    assertEquals(a.id(), t.findByDestination(ep(100)).orElseThrow().id());
    assertTrue(t.findByDestination(ep(100, 1)).isEmpty());
    assertEquals(2, t.size());
  }

  @Test
  void ownIdOwnDestinationAndZeroHashAreRefused() {
    RoutingTable t = table();
    KadContact me = new KadContact(8, OWN, ep(5));
    KadContact myDest = new KadContact(8, id(0x10), ep(OWN_HASH));
    KadContact zero = new KadContact(8, id(0x20), ep(0));
    assertEquals(List.of(new ContactRefused(me, RefusalReason.SELF)), addVerified(t, me));
    assertEquals(List.of(new ContactRefused(myDest, RefusalReason.SELF)), addVerified(t, myDest));
    assertEquals(List.of(new ContactRefused(zero, RefusalReason.INVALID_DESTINATION)),
        addVerified(t, zero));
    assertEquals(0, t.size());
  }

  // ------------------------------------------------------------------ update rules

  @Test
  void storedVerifyKeyBlocksUpdatesCarryingAnotherKey() {
    RoutingTable t = table();
    KadContact a = new KadContact(8, id(0x10), ep(100));
    UdpKey k1 = new UdpKey(0x1234, OWN_HASH);
    t.handle(new ContactSeen(a, k1, true, ContactSource.HELLO));

    for (UdpKey other : List.of(new UdpKey(0x9999, OWN_HASH), UdpKey.EMPTY,
        new UdpKey(0x1234, OTHER_HASH))) {
      assertEquals(List.of(new ContactRefused(a, RefusalReason.KEY_MISMATCH)),
          t.handle(new ContactSeen(a, other, true, ContactSource.HELLO)), other.toString());
    }
    List<RoutingEffect> fx = t.handle(new ContactSeen(a, k1, true, ContactSource.HELLO));
    assertEquals(List.of(new ContactUpdated(get(t, a.id()), UpdateKind.FULL)), fx);

    // a key received on an old own destination no longer protects the entry
    KadContact b = new KadContact(8, id(0x20), ep(200));
    t.handle(new ContactSeen(b, new UdpKey(0x55, OTHER_HASH), true, ContactSource.HELLO));
    UdpKey fresh = new UdpKey(0x77, OWN_HASH);
    assertEquals(UpdateKind.FULL, only(t.handle(new ContactSeen(b, fresh, true,
        ContactSource.HELLO)), ContactUpdated.class).get(0).kind());
    assertEquals(fresh, get(t, b.id()).udpKey());
  }

  @Test
  void versionMayNotGoDownAndListEntriesNeverUpdate() {
    RoutingTable t = table();
    KadId a = id(0x10);
    addVerified(t, new KadContact(0, a, ep(100)));
    assertEquals(UpdateKind.FULL, only(hello(t, new KadContact(8, a, ep(100)), true),
        ContactUpdated.class).get(0).kind());
    assertEquals(8, get(t, a).version());

    KadContact older = new KadContact(7, a, ep(100));
    assertEquals(List.of(new ContactRefused(older, RefusalReason.VERSION_DOWNGRADE)),
        hello(t, older, true));
    assertEquals(List.of(), addVerified(t, new KadContact(8, a, ep(101))));
    assertEquals(ep(100), get(t, a).dest());
    assertEquals(8, get(t, a).version());
  }

  @Test
  void legacyContactsMayOnlyRefreshTheirTimerAfterTheirFirstHello() {
    RoutingTable t = table();
    KadContact l = new KadContact(3, id(0x10), ep(100));
    hello(t, l, false);
    assertTrue(get(t, l.id()).receivedHello());

    KadContact moved = new KadContact(3, l.id(), ep(101));
    KadContact upgraded = new KadContact(4, l.id(), ep(100));
    assertEquals(List.of(new ContactRefused(moved, RefusalReason.LEGACY_LOCKED)),
        hello(t, moved, false));
    assertEquals(List.of(new ContactRefused(upgraded, RefusalReason.LEGACY_LOCKED)),
        hello(t, upgraded, false));
    List<RoutingEffect> fx = hello(t, l, false);
    assertEquals(List.of(new ContactUpdated(get(t, l.id()), UpdateKind.TIMER_ONLY)), fx);
    assertEquals(2, get(t, l.id()).type());

    // learned from a list: its first HELLO may still change everything
    KadContact m = new KadContact(3, id(0x20), ep(200));
    addVerified(t, m);
    KadContact mMoved = new KadContact(3, m.id(), ep(201));
    assertEquals(UpdateKind.FULL,
        only(hello(t, mMoved, false), ContactUpdated.class).get(0).kind());
    assertEquals(ep(201), get(t, m.id()).dest());
    assertEquals(List.of(new ContactRefused(m, RefusalReason.LEGACY_LOCKED)), hello(t, m, false));
  }

  @Test
  void verifiedFlagSurvivesUpdatesUnlessTheDestinationChanges() {
    RoutingTable t = table();
    KadContact a = new KadContact(8, id(0x10), ep(100));
    addVerified(t, a);

    List<RoutingEffect> same = hello(t, a, false);
    assertEquals(List.of(new ContactUpdated(get(t, a.id()), UpdateKind.FULL)), same);
    assertTrue(get(t, a.id()).verified());

    KadContact moved = new KadContact(8, a.id(), ep(101));
    List<RoutingEffect> fx = hello(t, moved, false);
    RoutingContact now = get(t, a.id());
    assertFalse(now.verified());
    assertEquals(ContactState.CHALLENGED, now.state());
    assertEquals(List.of(new ContactUpdated(now, UpdateKind.FULL),
        new Challenge(now, ChallengeKind.HELLO_ACK)), fx);
    assertTrue(t.findByDestination(ep(100)).isEmpty());
    assertEquals(a.id(), t.findByDestination(ep(101)).orElseThrow().id());

    fx = hello(t, moved, true);
    now = get(t, a.id());
    assertEquals(List.of(new ContactUpdated(now, UpdateKind.FULL),
        new RoutingEffect.ContactVerified(now)), fx);
  }

  // ------------------------------------------------------------------ liveness types

  @Test
  void updateTypeFollowsTheAgeSinceCreationWithExactExpiries() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    KadContact b = contact(0x20);
    addVerified(t, a);
    addVerified(t, b);
    assertEquals(3, get(t, a.id()).type());
    assertEquals(0, get(t, a.id()).expiresMillis());

    clock.at(Duration.ofHours(1).minusMillis(1));
    hello(t, a, true);
    assertEquals(2, get(t, a.id()).type());
    assertEquals(clock.millis() + 3_600_000, get(t, a.id()).expiresMillis());
    assertEquals(ContactState.VERIFIED, get(t, a.id()).state());
    assertEquals(List.of(b.id(), a.id()), ids(t.contacts()), "alive contact moves to the back");

    clock.at(Duration.ofHours(1));
    hello(t, a, true);
    assertEquals(1, get(t, a.id()).type());
    assertEquals(clock.millis() + 5_400_000, get(t, a.id()).expiresMillis());
    assertEquals(ContactState.STABLE, get(t, a.id()).state());

    clock.at(Duration.ofHours(2).minusMillis(1));
    hello(t, a, true);
    assertEquals(1, get(t, a.id()).type());

    clock.at(Duration.ofHours(2));
    hello(t, a, true);
    assertEquals(0, get(t, a.id()).type());
    assertEquals(clock.millis() + 7_200_000, get(t, a.id()).expiresMillis());
  }

  @Test
  void checkingTypeClimbsOncePerTenSecondsUpToFourWithTwoMinutesGrace() {
    Entry e = new Entry(id(0x10), ep(100), 8, UdpKey.EMPTY, true, false, T0);
    RoutingTable.checkingType(e, T0 + 9_999);
    assertEquals(3, e.type(), "not within 10 s of creation");
    RoutingTable.checkingType(e, T0 + 10_000);
    assertEquals(4, e.type());
    assertEquals(T0 + 10_000, e.lastTypeSet);
    assertEquals(T0 + 10_000 + 120_000, e.expires);
    assertEquals(ContactState.DECAYED, e.state());
    RoutingTable.checkingType(e, T0 + 60_000);
    assertEquals(4, e.type(), "capped");
    assertEquals(T0 + 130_000, e.expires);

    Entry f = new Entry(id(0x20), ep(200), 8, UdpKey.EMPTY, true, false, T0);
    f.type(0);
    f.expires = T0 + 3_600_000;
    RoutingTable.checkingType(f, T0 + 10_000);
    assertEquals(1, f.type());
    assertEquals(T0 + 3_600_000, f.expires, "a future expiry is kept");
    RoutingTable.checkingType(f, T0 + 19_999);
    assertEquals(1, f.type());
    RoutingTable.checkingType(f, T0 + 20_000);
    assertEquals(2, f.type());
  }

  // ------------------------------------------------------------------ small timer

  @Test
  void smallTimerRotatesThenPingsThenRemovesTheDeadContact() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    addVerified(t, a);

    clock.at(Duration.ZERO);
    assertEquals(List.of(), tick(t), "expiry set to now, so the contact is rotated");
    assertEquals(T0, get(t, a.id()).expiresMillis());

    clock.at(Duration.ofSeconds(60));
    List<RoutingEffect> fx = tick(t);
    RoutingContact pinged = get(t, a.id());
    assertEquals(List.of(new SendHello(pinged, HelloKind.KAD2_ENCRYPTED)),
        only(fx, SendHello.class));
    assertEquals(4, pinged.type());
    assertEquals(T0 + 180_000, pinged.expiresMillis());
    assertEquals(ContactState.DECAYED, pinged.state());

    clock.at(Duration.ofSeconds(120));
    fx = tick(t);
    assertEquals(List.of(), only(fx, SendHello.class), "type 4 is never pinged again");
    assertEquals(List.of(), only(fx, ContactRemoved.class), "expiry not reached");

    clock.at(Duration.ofSeconds(180));
    fx = tick(t);
    assertEquals(List.of(new ContactRemoved(pinged, RemovalReason.DEAD)),
        only(fx, ContactRemoved.class));
    assertEquals(0, t.size());
  }

  @Test
  void keepContactsStopsRemovalOfTheLastContacts() {
    RoutingTable t = table(new RoutingConfig(10, 1));
    addVerified(t, contact(0x10));
    for (int s = 0; s <= 600; s += 60) {
      clock.at(Duration.ofSeconds(s));
      tick(t);
    }
    assertEquals(4, get(t, id(0x10)).type());
    assertEquals(1, t.size());
  }

  @Test
  void aContactThatAnswersItsHelloIsPingedAgainOnlyAfterItsExpiry() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    addVerified(t, a);
    clock.at(Duration.ZERO);
    tick(t);
    clock.at(Duration.ofSeconds(60));
    tick(t);
    clock.at(Duration.ofSeconds(61));
    hello(t, a, true);
    assertEquals(2, get(t, a.id()).type());
    assertEquals(T0 + 61_000 + 3_600_000, get(t, a.id()).expiresMillis());

    for (int s = 120; s <= 3660; s += 60) {
      clock.at(Duration.ofSeconds(s));
      assertEquals(List.of(), only(tick(t), SendHello.class), "t=" + s);
    }
    clock.at(Duration.ofSeconds(3720));
    List<SendHello> pings = only(tick(t), SendHello.class);
    assertEquals(1, pings.size());
    assertEquals(3, pings.get(0).contact().type());
    assertEquals(T0 + 3_720_000 + 120_000, pings.get(0).contact().expiresMillis());
    assertEquals(ContactState.VERIFIED, pings.get(0).contact().state());
  }

  @ParameterizedTest
  @CsvSource({
    "8, RES_ENTRY, KAD2_ENCRYPTED, KAD2_ENCRYPTED",
    "6, RES_ENTRY, KAD2_ENCRYPTED, KAD2_ENCRYPTED",
    "5, RES_ENTRY, KAD2_PLAIN, KAD2_PLAIN",
    "2, RES_ENTRY, KAD2_PLAIN, KAD2_PLAIN",
    "1, RES_ENTRY, KAD1_WITH_KAD2_PROBE, KAD1",
    "0, RES_ENTRY, KAD1_WITH_KAD2_PROBE, KAD1",
    "0, NODES_DAT, KAD1, KAD1"
  })
  void helloKindDependsOnVersionAndTheKad2ProbeIsSentOnce(int version, ContactSource source,
      HelloKind first, HelloKind second) {
    RoutingTable t = table();
    KadContact a = contact(0x10, 0, version);
    seen(t, a, true, source);
    List<HelloKind> kinds = new ArrayList<>();
    for (int s = 0; s <= 3720; s += 60) {
      clock.at(Duration.ofSeconds(s));
      only(tick(t), SendHello.class).forEach(h -> kinds.add(h.kind()));
      if (s == 60) {
        clock.at(Duration.ofSeconds(61));
        hello(t, a, true);
      }
    }
    assertEquals(List.of(first, second), kinds);
  }

  // ------------------------------------------------------------------ queries

  @Test
  void closestIsOrderedByXorDistanceAndFiltersByTypeAndVerification() {
    RoutingTable t = table();
    int[] tops = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
    for (int top : tops) {
      addVerified(t, contact(top));
    }
    KadContact unverified = contact(0x03, 0, 8);
    seen(t, unverified, false, ContactSource.RES_ENTRY);
    hello(t, contact(0x04), true); // type 2
    hello(t, contact(0x40), true); // type 2

    KadId target = id(0x03);
    assertEquals(List.of(id(0x03), id(0x02), id(0x01), id(0x04)),
        ids(t.closest(target, 4, 4, false)));
    assertEquals(List.of(id(0x02), id(0x01), id(0x04), id(0x08)),
        ids(t.closest(target, 4, 4, true)));
    assertEquals(List.of(id(0x04), id(0x40)), ids(t.closest(target, 10, 2, true)));
    assertEquals(List.of(id(0x04), id(0x40)), ids(t.closestForResponse(target, 11)));
    assertEquals(List.of(), t.closest(target, 0, 4, false));
  }

  @Test
  void responseCountIsMaskedToFiveBitsAndCappedAtTwentyFive() {
    RoutingTable t = table();
    for (int i = 1; i <= 40; i++) {
      KadContact c = contact(i * 6);
      addVerified(t, c);
      hello(t, c, true);
    }
    KadId target = id(0x77);
    List<RoutingContact> all = t.closest(target, 100, 4, false);
    assertEquals(40, all.size());
    assertEquals(25, t.closestForResponse(target, 0x1F).size());
    assertEquals(all.subList(0, 25), t.closestForResponse(target, 0x1F));
    assertEquals(5, t.closestForResponse(target, 0x25).size());
    assertEquals(0, t.closestForResponse(target, 0x20).size());
  }

  @Test
  void lookupSeedsPreferTypeThreeAndFallBackToTypeFourButNeverUnverified() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    KadContact b = contact(0x20);
    addVerified(t, a);
    addVerified(t, b);
    seen(t, contact(0x30), false, ContactSource.NODES_DAT);
    clock.at(Duration.ZERO);
    tick(t); // expiries set; a rotated behind b
    clock.at(Duration.ofSeconds(60));
    tick(t); // pings the front, b... or a: whichever is oldest now
    List<RoutingContact> dead = t.contacts().stream().filter(c -> c.type() == 4).toList();
    assertEquals(1, dead.size());
    KadId deadId = dead.get(0).id();
    KadId liveId = deadId.equals(a.id()) ? b.id() : a.id();

    KadId target = id(0x18);
    assertEquals(List.of(liveId), ids(t.closest(target, 50, 3, true)));
    assertEquals(List.of(a.id(), b.id()), ids(t.lookupSeeds(target)));
  }

  @Test
  void exploreSeedsAreTheClosestContactsFarEnoughAwayThatTheLookupSeedsLeftOut() {
    RoutingTable t = table();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    for (int i = 0; i < 3000; i++) {
      KadId idd = KadId.random(rnd);
      addVerified(t, new KadContact(8, idd, ep(io.pekkomule.node.kad.KadFixtures.hashOf(idd))));
    }
    assertTrue(t.size() > 200, "table " + t.size());
    KadId target = KadId.random(rnd);
    List<KadId> seeds = ids(t.lookupSeeds(target));
    assertEquals(KadConstants.LOOKUP_SEEDS, seeds.size());
    List<RoutingContact> mine = t.closest(OWN, KadConstants.K, 3, true);
    int maxZeros = mine.get(KadConstants.K - 1).id().xor(OWN).leadingZeros() - 4;

    List<KadId> far = ids(t.exploreSeeds(target, 8, 4));
    assertEquals(8, far.size(), far.toString());
    assertEquals(far.stream().sorted(Comparator.comparing(target::xor)).toList(), far);
    for (KadId f : far) {
      assertFalse(seeds.contains(f));
      assertTrue(f.xor(target).leadingZeros() <= maxZeros, f.toString());
    }
    // nothing eligible is closer than the last one returned and left out
    KadId last = far.get(far.size() - 1).xor(target);
    for (RoutingContact c : t.contacts()) {
      KadId d = c.id().xor(target);
      if (c.verified() && c.type() <= 3 && !seeds.contains(c.id()) && d.compareTo(last) < 0
          && d.leadingZeros() <= maxZeros) {
        assertTrue(far.contains(c.id()), c.id().toString());
      }
    }
    assertEquals(List.of(), t.exploreSeeds(target, 0, 4));
    assertEquals(List.of(), table().exploreSeeds(target, 8, 4), "fewer than 10 contacts");
  }

  @Test
  void bootstrapContactsWalkFiveLevelsThenOneRandomLeafPerDeeperSubtree() {
    RoutingTable t = table();
    for (int i = 1; i <= 11; i++) {
      addVerified(t, contact(0x10 * i));
    }
    for (int n = 1; n <= 11; n++) {
      addVerified(t, contact(0x00, n, 8));
    }
    List<RoutingContact> sample = t.bootstrapContacts(200);
    List<KadId> sampled = ids(sample);
    assertEquals(sampled.size(), sampled.stream().distinct().count());
    List<ZoneView> deepLeaves = new ArrayList<>();
    for (ZoneView z : t.leaves()) {
      if (z.level() <= KadConstants.LOG_BASE_EXPONENT) {
        assertTrue(sampled.containsAll(ids(z.contacts())), "shallow leaf " + z.level());
      } else {
        deepLeaves.add(z);
      }
    }
    long deepLeavesSampled = deepLeaves.stream()
        .filter(z -> z.contacts().stream().anyMatch(c -> sampled.contains(c.id())))
        .count();
    assertTrue(deepLeavesSampled <= 1);
    for (ZoneView z : deepLeaves) {
      boolean any = z.contacts().stream().anyMatch(c -> sampled.contains(c.id()));
      if (any) {
        assertTrue(sampled.containsAll(ids(z.contacts())), "a sampled leaf is taken whole");
      }
    }
    List<RoutingContact> three = t.bootstrapContacts(3);
    assertEquals(3, three.size());
    assertTrue(ids(t.contacts()).containsAll(ids(three)));
    assertTrue(t.size() > sample.size(), "deep part is sampled, not walked");
  }

  @Test
  void isAcceptableMirrorsImulesRulesForLookupAnswers() {
    RoutingTable t = table();
    KadContact a = new KadContact(8, id(0x10), ep(100));
    addVerified(t, a);
    assertTrue(t.isAcceptable(a));
    assertFalse(t.isAcceptable(new KadContact(8, a.id(), ep(101))), "verified id elsewhere");
    assertFalse(t.isAcceptable(new KadContact(8, id(0x20), ep(100))), "hash in use");
    assertTrue(t.isAcceptable(new KadContact(8, id(0x20), ep(102))));
  }

  // ------------------------------------------------------------------ big timer, self lookup

  @Test
  void bigTimerRefreshesEligibleZonesOnePerTenSecondsWithTargetsInsideThem() {
    RoutingTable t = fullFarZone(RoutingConfig.DEFAULT);
    addVerified(t, contact(0x5A));
    // leaves in order: (2,0) (4,4) (4,5)=full, index 5 (3,3) (1,1)
    List<KadId> targets = new ArrayList<>();
    for (int s = 10; s <= 60; s += 5) {
      clock.at(Duration.ofSeconds(s));
      only(tick(t), StartLookup.class).stream()
          .filter(l -> l.purpose() == LookupPurpose.ZONE_REFRESH)
          .forEach(l -> targets.add(l.target()));
    }
    assertEquals(4, targets.size(), "one per 10 s, the full far zone is skipped");
    int[][] zones = {{2, 0}, {4, 4}, {3, 3}, {1, 1}};
    for (int i = 0; i < 4; i++) {
      assertTrue(inZone(OWN.xor(targets.get(i)), zones[i][0], zones[i][1]), "refresh " + i);
    }

    clock.at(Duration.ofSeconds(10).plus(Duration.ofHours(1)).minusMillis(1));
    assertEquals(List.of(), refreshes(tick(t)));
    clock.at(Duration.ofSeconds(10).plus(Duration.ofHours(1)));
    assertEquals(1, refreshes(tick(t)).size(), "each zone again after an hour");
  }

  static List<StartLookup> refreshes(List<RoutingEffect> fx) {
    return only(fx, StartLookup.class).stream()
        .filter(l -> l.purpose() == LookupPurpose.ZONE_REFRESH)
        .toList();
  }

  @Test
  void quarterHourWithoutPacketsIgnoresPerZoneBigTimers() {
    RoutingTable t = table();
    addVerified(t, contact(0x10));
    clock.at(Duration.ofSeconds(10));
    assertEquals(1, refreshes(tick(t)).size());
    t.handle(new PacketReceived());
    clock.at(Duration.ofSeconds(10 + 900));
    assertEquals(List.of(), refreshes(tick(t)), "exactly 15 min is not more than 15 min");
    clock.at(Duration.ofSeconds(10 + 901));
    assertEquals(1, refreshes(tick(t)).size());
    clock.at(Duration.ofSeconds(10 + 905));
    assertEquals(List.of(), refreshes(tick(t)), "still one per 10 s");
  }

  @Test
  void deepZoneRefreshTargetsStayInsideTheirZone() {
    RoutingTable t = table();
    for (int n = 1; n <= 11; n++) {
      addVerified(t, contact(0x00, n, 8));
    }
    List<ZoneView> eligible = t.leaves().stream()
        .filter(z -> z.index() < KadConstants.KK || z.level() < KadConstants.KBASE
            || z.contacts().size() <= 2)
        .toList();
    for (int i = 0; i < eligible.size(); i++) {
      clock.at(Duration.ofSeconds(10L * (i + 1)));
      List<StartLookup> r = refreshes(tick(t));
      assertEquals(1, r.size());
      ZoneView z = eligible.get(i);
      assertTrue(inZone(OWN.xor(r.get(0).target()), z.level(), z.index()),
          "zone " + z.level() + "/" + z.index());
    }
  }

  @Test
  void selfLookupAfterOneMinuteThenEveryFourHours() {
    RoutingTable t = table();
    StartLookup self = new StartLookup(OWN, LookupPurpose.SELF_LOOKUP);
    clock.at(Duration.ofSeconds(59));
    assertFalse(tick(t).contains(self));
    clock.at(Duration.ofSeconds(60));
    assertTrue(tick(t).contains(self));
    clock.at(Duration.ofSeconds(61));
    assertFalse(tick(t).contains(self));
    clock.at(Duration.ofSeconds(60).plus(Duration.ofHours(4)).minusMillis(1));
    assertFalse(tick(t).contains(self));
    clock.at(Duration.ofSeconds(60).plus(Duration.ofHours(4)));
    assertTrue(tick(t).contains(self));
  }

  @Test
  void nextDueIsTheEarliestPendingTimer() {
    RoutingTable t = table();
    assertEquals(T0, t.nextDueMillis(), "root small timer is due at creation");
    tick(t);
    assertEquals(T0 + 10_000, t.nextDueMillis(), "then the root's first big timer");
  }

  // ------------------------------------------------------------------ Lane A states

  @ParameterizedTest
  @CsvSource({"8, HELLO_ACK", "7, PING", "6, LEGACY_REQ", "1, LEGACY_REQ", "0, LEGACY_REQ"})
  void unverifiedNewcomersAreChallengedByVersion(int version, ChallengeKind kind) {
    RoutingTable t = table();
    KadContact a = contact(0x10, 0, version);
    List<RoutingEffect> fx = seen(t, a, false, ContactSource.RES_ENTRY);
    RoutingContact added = get(t, a.id());
    assertEquals(ContactState.CHALLENGED, added.state());
    assertEquals(List.of(new ContactAdded(added, false), new Challenge(added, kind)), fx);
  }

  @Test
  void challengeAnswerVerifiesAndSilenceDecays() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    KadContact b = contact(0x20);
    seen(t, a, false, ContactSource.RES_ENTRY);
    seen(t, b, false, ContactSource.RES_ENTRY);

    assertEquals(List.of(), t.handle(new ContactVerified(a.id(), ep(12345))), "wrong dest");
    assertEquals(ContactState.CHALLENGED, get(t, a.id()).state());
    clock.at(Duration.ofSeconds(5));
    List<RoutingEffect> fx = t.handle(new ContactVerified(a.id(), a.endpoint()));
    assertEquals(List.of(new RoutingEffect.ContactVerified(get(t, a.id()))), fx);
    assertEquals(ContactState.VERIFIED, get(t, a.id()).state());
    assertEquals(List.of(), t.handle(new ContactVerified(a.id(), a.endpoint())), "only once");

    clock.at(Duration.ofSeconds(180).minusMillis(1));
    tick(t);
    assertEquals(ContactState.CHALLENGED, get(t, b.id()).state());
    clock.at(Duration.ofSeconds(180));
    tick(t);
    assertEquals(ContactState.DECAYED, get(t, b.id()).state());

    clock.at(Duration.ofSeconds(200));
    fx = hello(t, b, false);
    RoutingContact again = get(t, b.id());
    assertEquals(ContactState.CHALLENGED, again.state());
    assertEquals(List.of(new ContactUpdated(again, UpdateKind.FULL),
        new Challenge(again, ChallengeKind.HELLO_ACK)), fx);
    assertEquals(1, only(hello(t, b, false), ContactUpdated.class).size());
    assertEquals(List.of(), only(hello(t, b, false), Challenge.class), "one challenge per 180 s");
  }

  @Test
  void aNewContactThatProvesItselfIsHandedOutButKeepsItsExpiry() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    hello(t, a, false);
    assertEquals(KadConstants.TYPE_NEW, get(t, a.id()).type());
    assertEquals(List.of(), t.closestForResponse(a.id(), 11), "unproven and new: not handed out");
    clock.at(Duration.ofSeconds(3));
    t.handle(new ContactVerified(a.id(), a.endpoint()));
    RoutingContact v = get(t, a.id());
    assertEquals(2, v.type(), "proved alive: the class its age gives");
    assertEquals(0, v.expiresMillis(), "the small timer still greets it as iMule would");
    assertEquals(List.of(v), t.closestForResponse(a.id(), 11));
  }

  @Test
  void externalZoneTimersRunOneZoneAndDeferRefreshesWithinTheGap() {
    RoutingTable t = table(new RoutingConfig(KadConstants.K, 0, true, 0));
    KadContact a = contact(0x10);
    addVerified(t, a);
    ZoneKey root = new ZoneKey(0, 0);
    assertEquals(List.of(root), t.leafKeys());
    assertEquals(List.of(), only(tick(t), StartLookup.class).stream()
        .filter(s -> s.purpose() == LookupPurpose.ZONE_REFRESH).toList(),
        "the table-wide tick leaves zone timers to the buckets");
    List<RoutingEffect> fx = t.handle(new RoutingEvent.ZoneBigTimer(root));
    assertEquals(1, only(fx, StartLookup.class).size());
    clock.at(Duration.ofSeconds(4));
    fx = t.handle(new RoutingEvent.ZoneBigTimer(root));
    assertEquals(List.of(new RoutingEffect.RefreshDeferred(root, T0 + 10_000)), fx,
        "at most one zone refresh per 10 s");
    // small timer of a zone that is no longer a leaf: ignored
    assertEquals(List.of(), t.handle(new RoutingEvent.ZoneSmallTimer(new ZoneKey(1, 0))));
    clock.at(Duration.ofSeconds(5));
    t.handle(new RoutingEvent.ZoneSmallTimer(root));
    clock.at(Duration.ofSeconds(70));
    assertEquals(1, only(t.handle(new RoutingEvent.ZoneSmallTimer(root)), SendHello.class).size(),
        "the oldest contact's expiry passed: greet it");
  }

  @Test
  void nodesDatContactsWaitForTheirFirstAnswerBeforeBeingChallenged() {
    RoutingTable t = table();
    KadContact a = contact(0x10);
    List<RoutingEffect> added = seen(t, a, false, ContactSource.NODES_DAT);
    assertEquals(List.of(new ContactAdded(get(t, a.id()), false)), added);
    assertEquals(ContactState.SEEN, get(t, a.id()).state());
    List<RoutingEffect> fx = hello(t, a, false);
    assertEquals(List.of(new Challenge(get(t, a.id()), ChallengeKind.HELLO_ACK)),
        only(fx, Challenge.class));
  }

  @Test
  void markAllVerifiedVerifiesEveryContact() {
    RoutingTable t = table();
    seen(t, contact(0x10), false, ContactSource.NODES_DAT);
    seen(t, contact(0x20), false, ContactSource.NODES_DAT);
    List<RoutingEffect> fx = t.handle(new MarkAllVerified());
    assertEquals(2, fx.size());
    assertTrue(t.contacts().stream().allMatch(RoutingContact::verified));
    assertTrue(t.contacts().stream().allMatch(c -> c.state() == ContactState.VERIFIED));
  }

  @Test
  void contactsAreListedLeftToRightAndOrderedByDistanceWithinLookups() {
    RoutingTable t = table();
    for (int i = 1; i <= 11; i++) {
      addVerified(t, contact(0x10 * i));
    }
    List<KadId> listed = ids(t.contacts());
    assertEquals(listed.stream().sorted(Comparator.comparing(OWN::xor)).toList(), listed);
  }
}
