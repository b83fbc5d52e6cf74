package io.pekkomule.node.kad.routing;

import static io.pekkomule.node.kad.KadFixtures.ep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.routing.RoutingEvent.ContactSeen;
import io.pekkomule.node.kad.routing.RoutingEvent.RemoveContact;
import io.pekkomule.node.kad.routing.RoutingEvent.Tick;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random tables of 2,000 offered contacts (with churn, updates, collisions) keep their invariants. */
class RoutingTablePropertyTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20240601})
  void invariantsHoldForTwoThousandRandomContacts(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    KadId own = KadId.random(rnd);
    FakeClock clock = new FakeClock();
    RoutingTable t = new RoutingTable(own, 0x7EADBEEF, new RoutingConfig(4, 0), clock,
        new SplittableRandom(seed + 1));
    List<KadContact> offered = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      KadId id = i % 3 == 0
          // a third close to us, so that the tree grows deep near our own id
          ? own.xor(new KadId(rnd.nextLong() >>> (8 + rnd.nextInt(40)), rnd.nextLong()))
          : KadId.random(rnd);
      // small hash space: some offers collide on the destination hash
      int hash = 1 + rnd.nextInt(3000);
      KadContact c = new KadContact(rnd.nextInt(9), id, ep(hash, rnd.nextInt(2)));
      offered.add(c);
      ContactSource source = ContactSource.values()[rnd.nextInt(ContactSource.values().length)];
      t.handle(new ContactSeen(c, UdpKey.EMPTY, rnd.nextBoolean(), source));
      if (rnd.nextInt(10) == 0 && !offered.isEmpty()) {
        KadContact prior = offered.get(rnd.nextInt(offered.size()));
        t.handle(new ContactSeen(new KadContact(prior.version(), prior.id(),
            ep(1 + rnd.nextInt(3000))), UdpKey.EMPTY, rnd.nextBoolean(), ContactSource.HELLO));
      }
      if (rnd.nextInt(20) == 0) {
        t.handle(new RemoveContact(offered.get(rnd.nextInt(offered.size())).id()));
      }
      if (i % 100 == 0) {
        clock.advance(Duration.ofSeconds(61));
        t.handle(new Tick());
        checkInvariants(t, own);
      }
    }
    clock.advance(Duration.ofMinutes(46));
    t.handle(new Tick());
    checkInvariants(t, own);
    assertTrue(t.size() > 100, "table should hold a real sample, got " + t.size());

    for (int q = 0; q < 20; q++) {
      KadId target = KadId.random(rnd);
      List<RoutingContact> all = t.contacts().stream()
          .sorted(Comparator.comparing(c -> c.id().xor(target)))
          .toList();
      assertEquals(all.subList(0, Math.min(30, all.size())), t.closest(target, 30, 4, false));
      List<RoutingContact> eligible =
          all.stream().filter(c -> c.verified() && c.type() <= 2).limit(25).toList();
      assertEquals(eligible, t.closestForResponse(target, 31));
    }
  }

  static void checkInvariants(RoutingTable t, KadId own) {
    Set<Integer> hashes = new HashSet<>();
    Set<KadId> ids = new HashSet<>();
    int total = 0;
    for (ZoneView z : t.leaves()) {
      assertTrue(z.contacts().size() <= KadConstants.K, "bin over K");
      assertTrue(z.replacements().size() <= 4, "cache over its bound");
      if (z.level() > KadConstants.KBASE) {
        assertTrue(z.index() < 2 * KadConstants.KK, "parent may not have split: " + z);
      }
      assertTrue(z.level() <= KadConstants.MAX_LEVEL);
      for (RoutingContact c : z.contacts()) {
        assertTrue(RoutingTableTest.inZone(own.xor(c.id()), z.level(), z.index()),
            "contact outside its zone's prefix");
        assertTrue(hashes.add(c.dest().verifyKeyInput()), "two contacts share a destination hash");
        assertTrue(ids.add(c.id()), "duplicate id");
        assertTrue(c.type() >= 0 && c.type() <= 4);
        assertEquals(c, t.findByDestination(c.dest()).orElseThrow());
        total++;
      }
      for (RoutingContact cand : z.replacements()) {
        assertTrue(RoutingTableTest.inZone(own.xor(cand.id()), z.level(), z.index()));
        assertTrue(t.get(cand.id()).isEmpty(), "candidate also in a bin");
      }
      if (!z.replacements().isEmpty()) {
        assertEquals(KadConstants.K, z.contacts().size(), "candidate waits beside a free slot");
      }
    }
    for (ZoneView z : t.leaves()) {
      for (RoutingContact cand : z.replacements()) {
        assertFalse(hashes.contains(cand.dest().verifyKeyInput()), "candidate shares a member's hash");
      }
    }
    assertFalse(ids.contains(own));
    assertEquals(total, t.size());
  }
}
