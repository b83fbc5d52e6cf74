package io.pekkomule.node.kad.wire;

import static io.pekkomule.node.kad.KadFixtures.dest;
import static io.pekkomule.node.kad.KadFixtures.ep;
import static io.pekkomule.node.kad.KadFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.dispatch.PacketTracker;
import io.pekkomule.node.kad.routing.ContactSource;
import io.pekkomule.node.kad.routing.RefusalReason;
import io.pekkomule.node.kad.routing.RoutingConfig;
import io.pekkomule.node.kad.routing.RoutingEffect;
import io.pekkomule.node.kad.routing.RoutingEvent;
import io.pekkomule.node.kad.routing.RoutingTable;
import io.pekkomule.node.kad.routing.UdpKey;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The codec boundary and the overlay-neutral keys the node core uses. */
class EndpointsTest {

  @Test
  void imuleWireContactsRoundTripThroughTheNeutralForm() {
    List<Kad2Contact> wire = List.of(new Kad2Contact(8, id(0x10), dest(5)),
        new Kad2Contact(3, id(0x20), dest(6)));
    List<KadContact> neutral = Endpoints.fromKad2(wire);
    assertEquals(ep(5), neutral.get(0).endpoint());
    assertEquals(3, neutral.get(1).version());
    assertEquals(wire, Endpoints.toKad2(neutral));
  }

  @Test
  void kad1ContactsBecomeVersionZeroAndGoBackWithTheUdpDestinationTwice() {
    KadContact c = Endpoints.fromKad1(new Kad1Contact(id(0x30), dest(7), dest(8), 2));
    assertEquals(new KadContact(0, id(0x30), ep(7)), c);
    Kad1Contact back = Endpoints.toKad1(c);
    assertEquals(dest(7), back.udpDest());
    assertEquals(dest(7), back.tcpDest());
  }

  @Test
  void validityIsPerFamily() {
    assertTrue(Endpoints.isValid(ep(1)));
    assertFalse(Endpoints.isValid(ep(0)), "iMule: a zero destination hash is invalid");
    assertTrue(Endpoints.isValid(Ipv4UdpEndpoint.of("198.51.100.1", 4672)));
    assertFalse(Endpoints.isValid(Ipv4UdpEndpoint.of("0.0.0.0", 4672)));
    assertFalse(Endpoints.isValid(Ipv4UdpEndpoint.of("198.51.100.1", 0)));
    assertThrows(IllegalArgumentException.class,
        () -> Endpoints.i2p(Ipv4UdpEndpoint.of("198.51.100.1", 4672)));
  }

  @Test
  void theImuleDialectIsTheI2pOverlay() {
    assertEquals(Overlay.IMULE_I2P, KadDialect.IMULE.overlay());
    assertEquals(AddressFamily.I2P, KadDialect.IMULE.family());
  }

  @Test
  void packetTrackingKeysOnTheAddressSoAnotherPortOfTheSameIpAnswers() {
    PacketTracker t = new PacketTracker();
    t.sent(Ipv4UdpEndpoint.of("198.51.100.1", 4672).addressKey(), 0x0F, 0); // HELLO_REQ
    assertFalse(t.consume(Ipv4UdpEndpoint.of("198.51.100.2", 4672).addressKey(), 0x10, 1),
        "another address did not get the request");
    assertTrue(t.consume(Ipv4UdpEndpoint.of("198.51.100.1", 4673).addressKey(), 0x10, 1),
        "aMule compares addresses, not ports");
    t.sent(ep(9).addressKey(), 0x0F, 0);
    assertTrue(t.consume(ep(9, 1).addressKey(), 0x10, 1), "iMule: the same destination hash");
  }

  @Test
  void theRoutingTableHoldsOneContactPerIpv4Address() {
    RoutingTable t = new RoutingTable(id(0x00), 0x7EADBEEF, RoutingConfig.DEFAULT,
        new FakeClock(), new SplittableRandom(7));
    KadContact a = new KadContact(8, id(0x81), Ipv4UdpEndpoint.of("198.51.100.1", 4672));
    KadContact samePortElsewhere =
        new KadContact(8, id(0x82), Ipv4UdpEndpoint.of("198.51.100.2", 4672));
    KadContact sameIpOtherPort =
        new KadContact(8, id(0x83), Ipv4UdpEndpoint.of("198.51.100.1", 4673));
    assertTrue(t.handle(seen(a)).stream().anyMatch(e -> e instanceof RoutingEffect.ContactAdded));
    assertTrue(t.handle(seen(samePortElsewhere)).stream()
        .anyMatch(e -> e instanceof RoutingEffect.ContactAdded));
    assertEquals(List.of(new RoutingEffect.ContactRefused(sameIpOtherPort, RefusalReason.HASH_TAKEN)),
        t.handle(seen(sameIpOtherPort)));
    assertEquals(2, t.size());
  }

  private static RoutingEvent.ContactSeen seen(KadContact c) {
    return new RoutingEvent.ContactSeen(c, UdpKey.EMPTY, true, ContactSource.RES_ENTRY);
  }
}
