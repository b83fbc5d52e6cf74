package io.pekkomule.node.kad.routing;

import static io.pekkomule.node.kad.KadFixtures.T0;
import static io.pekkomule.node.kad.KadFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures;
import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactAdded;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactRefused;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.endpoint.SubnetKey;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * aMule's routing admission as the kad4 policy: one contact per IP, at most 2 per /24 in a bin, at
 * most 10 per /24 in the table, per address family; the iMule policy has no subnet limit.
 */
class SubnetPolicyTest {
  private static final KadId OWN = id(0x00, 1);

  private static Ipv4UdpEndpoint v4(String ip, int port) {
    return Ipv4UdpEndpoint.of(ip, port);
  }

  @Test
  void pureBoundaries() {
    SubnetPolicy p = SubnetPolicy.AMULE;
    SubnetPolicy.Counts counts = new SubnetPolicy.Counts();
    Ipv4UdpEndpoint e = v4("203.0.113.7", 4672);
    assertTrue(p.admits(e, 1, counts), "a second contact of a /24 in a bin is fine");
    assertFalse(p.admits(e, 2, counts), "a third is not");
    for (int i = 1; i <= 9; i++) {
      counts.add(v4("203.0.113." + i, 4672));
    }
    assertTrue(p.admits(e, 0, counts), "the tenth of a /24 in the table is fine");
    counts.add(v4("203.0.113.10", 4672));
    assertFalse(p.admits(e, 0, counts), "the eleventh is not");
    assertTrue(p.admits(v4("203.0.114.7", 4672), 0, counts), "the next /24 is another subnet");
    counts.remove(v4("203.0.113.10", 4672));
    assertTrue(p.admits(e, 0, counts), "removal frees the place");
    SubnetKey s = e.subnetKey().orElseThrow();
    assertEquals(9, counts.count(s));

    // an endpoint without a subnet (I2P) is never limited, and is never counted
    Endpoint i2p = KadFixtures.ep(3);
    assertTrue(p.admits(i2p, 100, counts));
    counts.add(i2p);
    assertEquals(1, counts.subnets());
    assertEquals(0, SubnetPolicy.sameSubnet(i2p, List.of(i2p, i2p)));
    assertEquals(2, SubnetPolicy.sameSubnet(e,
        List.of(v4("203.0.113.1", 1), v4("203.0.113.2", 1), v4("198.51.100.1", 1))));
    // no limit at all for the iMule policy
    assertTrue(SubnetPolicy.NONE.admits(e, 1000, counts));
  }

  private static RoutingTable table(SubnetPolicy p) {
    return new RoutingTable(OWN, 0x01020304, new RoutingConfig(0, 0, false, 0, p),
        new FakeClock(T0), new SplittableRandom(7));
  }

  private static List<RoutingEffect> offer(RoutingTable t, KadId id, Ipv4UdpEndpoint e) {
    return t.handle(new RoutingEvent.ContactSeen(new KadContact(8, id, e), UdpKey.EMPTY, true,
        ContactSource.HELLO));
  }

  private static boolean refused(List<RoutingEffect> effects, RefusalReason r) {
    return effects.stream().anyMatch(x -> x instanceof ContactRefused c && c.reason() == r);
  }

  private static boolean added(List<RoutingEffect> effects) {
    return effects.stream().anyMatch(x -> x instanceof ContactAdded);
  }

  @Test
  void tableAdmitsTwoPerSubnetInABinAndOnePerAddress() {
    RoutingTable t = table(SubnetPolicy.AMULE);
    assertTrue(added(offer(t, id(0x80, 1), v4("203.0.113.1", 4672))));
    assertTrue(added(offer(t, id(0x81, 1), v4("203.0.113.2", 4672))));
    assertTrue(refused(offer(t, id(0x82, 1), v4("203.0.113.3", 4672)),
        RefusalReason.SUBNET_LIMIT), "third of a /24 in the (root) bin");
    assertTrue(added(offer(t, id(0x83, 1), v4("203.0.114.3", 4672))), "another /24");
    assertTrue(refused(offer(t, id(0x84, 1), v4("203.0.114.3", 4999)),
        RefusalReason.HASH_TAKEN), "one contact per IP, whatever the port");
    assertEquals(3, t.size());

    // the iMule policy (no subnets) takes the third
    RoutingTable imule = table(SubnetPolicy.NONE);
    offer(imule, id(0x80, 1), v4("203.0.113.1", 4672));
    offer(imule, id(0x81, 1), v4("203.0.113.2", 4672));
    assertTrue(added(offer(imule, id(0x82, 1), v4("203.0.113.3", 4672))));
  }

  @Test
  void tableHoldsAtMostTenPerSubnetAcrossBins() {
    int kad4 = subnetFill(SubnetPolicy.AMULE);
    assertEquals(10, kad4, "aMule: exactly the table-wide /24 limit once bins have room");
    int unlimited = subnetFill(SubnetPolicy.NONE);
    assertTrue(unlimited > 10, "negative control: without the policy the /24 takes " + unlimited);
  }

  /** Splits the table with filler contacts from distinct /24s, then floods it with one /24. */
  private static int subnetFill(SubnetPolicy p) {
    RoutingTable t = table(p);
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 120; i++) {
      offer(t, new KadId(r.nextLong(), r.nextLong()),
          v4("198." + (18 + 2 + i / 250) + "." + (i % 250) + ".1", 4672));
    }
    boolean sawLimit = false;
    for (int i = 0; i < 250; i++) {
      List<RoutingEffect> e = offer(t, new KadId(r.nextLong(), r.nextLong()),
          v4("203.0.113." + (i + 1), 4672));
      sawLimit |= refused(e, RefusalReason.SUBNET_LIMIT);
    }
    assertEquals(p != SubnetPolicy.NONE, sawLimit);
    SubnetKey s = v4("203.0.113.1", 1).subnetKey().orElseThrow();
    return (int) t.contacts().stream()
        .filter(c -> c.dest().subnetKey().filter(s::equals).isPresent()).count();
  }
}
