package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;

/**
 * aMule's filters on contacts it learns from RES and BOOTSTRAP_RES (docs/overlays.md, "Endpoint
 * keys and diversity rules"): Kad version above 1, a public unicast address, a UDP port that is
 * neither 0 nor 53 (aMule refuses port 53 from contacts that cannot obfuscate, version below 6).
 * Pure functions.
 */
public final class Kad4Rules {
  private Kad4Rules() {}

  /** Whether a contact from a RES or BOOTSTRAP_RES may enter the kad4 table. */
  public static boolean acceptsWireContact(KadContact c) {
    if (c.version() <= 1 || !(c.endpoint() instanceof Ipv4UdpEndpoint e)) {
      return false;
    }
    if (e.udpPort() == 0 || (e.udpPort() == 53 && c.version() < 6)) {
      return false;
    }
    return isPublicUnicast(e.address());
  }

  /**
   * Whether an IPv4 address (most significant byte first) is one aMule keeps in its routing table:
   * not 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, 198.18/15, nor multicast and
   * above (224/3). The documentation ranges 198.51.100/24 and 203.0.113/24 pass, as they do in
   * amuled 2.3.3 (the interop namespace uses them).
   */
  public static boolean isPublicUnicast(int a) {
    int b0 = a >>> 24;
    int b1 = a >>> 16 & 0xFF;
    return !(b0 == 0 || b0 == 10 || b0 == 127 || b0 >= 224
        || (b0 == 100 && (b1 & 0xC0) == 64)
        || (b0 == 169 && b1 == 254)
        || (b0 == 172 && (b1 & 0xF0) == 16)
        || (b0 == 192 && b1 == 168)
        || (b0 == 198 && (b1 & 0xFE) == 18));
  }
}
