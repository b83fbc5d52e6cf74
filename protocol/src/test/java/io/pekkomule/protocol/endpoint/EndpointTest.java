package io.pekkomule.protocol.endpoint;

import static io.pekkomule.protocol.TestBytes.dest;
import static io.pekkomule.protocol.TestBytes.destBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.crypto.UdpVerifyKey;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void ipv4KeysIgnorePortsAndGroupBySlash24() {
    Ipv4UdpEndpoint a = Ipv4UdpEndpoint.of("198.51.100.1", 4672, 4662);
    Ipv4UdpEndpoint samePortless = Ipv4UdpEndpoint.of("198.51.100.1", 9999);
    Ipv4UdpEndpoint neighbour = Ipv4UdpEndpoint.of("198.51.100.200", 4672);
    Ipv4UdpEndpoint otherNet = Ipv4UdpEndpoint.of("198.51.101.1", 4672);

    assertEquals(0xC6336401, a.address());
    assertEquals(new AddressKey(AddressFamily.IPV4, 0xC6336401L), a.addressKey());
    assertEquals(a.addressKey(), samePortless.addressKey(), "one contact per IP: ports do not matter");
    assertNotEquals(a.addressKey(), neighbour.addressKey());
    assertEquals(a.subnetKey(), neighbour.subnetKey());
    assertNotEquals(a.subnetKey(), otherNet.subnetKey());
    assertEquals(Optional.of(new SubnetKey(AddressFamily.IPV4, 24, 0xC63364L)), a.subnetKey());
    assertEquals("198.51.100.0/24", a.subnetKey().orElseThrow().toString());
    assertEquals(0xC6336400, a.prefix24());
    assertEquals("IPV4:198.51.100.1", a.addressKey().toString());
  }

  @Test
  void i2pKeyIsImulesLittleEndianHashAndHasNoSubnet() {
    byte[] raw = destBytes(1); // first bytes 01 02 03 04
    I2pEndpoint e = new I2pEndpoint(dest(1));
    assertEquals(0x04030201, e.verifyKeyInput());
    assertEquals(new AddressKey(AddressFamily.I2P, 0x04030201L), e.addressKey());
    assertEquals(Optional.empty(), e.subnetKey());
    assertEquals(AddressFamily.I2P, e.family());
    assertEquals(raw[0], e.destination().toBytes()[0]);
  }

  @Test
  void familiesNeverShareAKey() {
    // An I2P destination whose hash happens to equal an IPv4 address stays a different key.
    byte[] raw = destBytes(0);
    raw[0] = 0x01;
    raw[1] = 0x64;
    raw[2] = 0x33;
    raw[3] = (byte) 0xC6;
    I2pEndpoint i2p = new I2pEndpoint(io.pekkomule.protocol.I2pDestination.of(raw));
    Ipv4UdpEndpoint v4 = Ipv4UdpEndpoint.of("198.51.100.1", 4672);
    assertEquals(i2p.addressKey().value(), v4.addressKey().value());
    assertNotEquals(i2p.addressKey(), v4.addressKey());
  }

  @Test
  void verifyKeyInputIsTheAddressInNetworkOrder() {
    // Oracle: protocol/src/test/python/amule_vectors.py (MD5 of inet_aton(ip) · secret LE), and the
    // same value came back from a real amuled 2.3.3 as receiverVerifyKey (see AmuleGoldenVectorsTest).
    Ipv4UdpEndpoint amuled = Ipv4UdpEndpoint.of("198.51.100.1", 4672);
    assertEquals(0xA882B703L, UdpVerifyKey.compute(amuled.verifyKeyInput(), 0x11223344));
    assertEquals(0xED92A176L, UdpVerifyKey.compute(Ipv4UdpEndpoint.of("203.0.113.4", 1).verifyKeyInput(), 0x11223344));
    assertEquals(0x1D7E3C33L, UdpVerifyKey.compute(Ipv4UdpEndpoint.of("1.2.3.4", 1).verifyKeyInput(), 0x9ABCDEF0));
  }

  @Test
  void socketAddressesRoundTripAndPortsAreChecked() {
    Ipv4UdpEndpoint e = Ipv4UdpEndpoint.of("203.0.113.4", 4672);
    InetSocketAddress sa = e.toSocketAddress();
    assertEquals("203.0.113.4", sa.getAddress().getHostAddress());
    assertEquals(4672, sa.getPort());
    assertEquals(e, Ipv4UdpEndpoint.fromSocketAddress(sa));
    assertEquals(OptionalInt.of(4662), e.withTcpPort(4662).tcpPort());
    assertEquals(4673, e.withTcpPort(1).withUdpPort(4673).udpPort());
    assertThrows(IllegalArgumentException.class, () -> new Ipv4UdpEndpoint(1, 65536));
    assertThrows(IllegalArgumentException.class, () -> new Ipv4UdpEndpoint(1, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> Ipv4UdpEndpoint.of("1.2.3", 1));
    assertThrows(IllegalArgumentException.class, () -> Ipv4UdpEndpoint.of("1.2.3.256", 1));
    assertThrows(IllegalArgumentException.class, () -> Ipv4UdpEndpoint.of("1.2.3.x", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ipv4UdpEndpoint.fromSocketAddress(new InetSocketAddress("::1", 1)));
  }

  @Property(tries = 300)
  void dottedTextRoundTrips(@ForAll int address, @ForAll @IntRange(max = 65535) int port) {
    Ipv4UdpEndpoint e = new Ipv4UdpEndpoint(address, port);
    assertEquals(e, Ipv4UdpEndpoint.of(e.dotted(), port));
    assertEquals(e, Ipv4UdpEndpoint.fromSocketAddress(e.toSocketAddress()));
    assertEquals(Integer.reverseBytes(address), e.verifyKeyInput());
    assertTrue(e.subnetKey().orElseThrow().value() <= 0xFFFFFF);
  }
}
