package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import org.junit.jupiter.api.Test;

/** The routing view's contact endpoint text and zone prefixes. */
class ContactViewTest {
  private static final KadId ID = KadId.fromHex("0f0e0d0c0b0a09080706050403020100");

  @Test
  void anI2pContactShowsItsB32AsEndpoint() {
    byte[] raw = new byte[I2pDestination.BYTES];
    raw[0] = 1;
    I2pDestination d = I2pDestination.of(raw);
    ContactView v = ContactView.of(ID, new I2pEndpoint(d), ContactState.VERIFIED, 2, true, 8, 5);
    assertEquals(d.toB32(), v.b32());
    assertEquals(d.toB32(), v.endpoint());
    assertTrue(v.endpoint().endsWith(".b32.i2p"));
  }

  @Test
  void anIpv4ContactShowsAddressAndPortAndNoB32() {
    ContactView v = ContactView.of(ID, Ipv4UdpEndpoint.of("198.51.100.201", 4672),
        ContactState.SEEN, 3, false, 9, 0);
    assertNull(v.b32());
    assertEquals("198.51.100.201:4672", v.endpoint());
  }

  @Test
  void prefixesAreTheZoneIndexBitsOfTheLevel() {
    assertEquals("", RoutingView.prefix(0, 0));
    assertEquals("1", RoutingView.prefix(1, 1));
    assertEquals("0101", RoutingView.prefix(4, 5));
    assertEquals("00000", RoutingView.prefix(5, 0));
  }
}
