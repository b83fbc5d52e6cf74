package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.util.Objects;

/**
 * Who this node is on the wire: KadID, where contacts reach it, the persisted UDP-key secret, and
 * the Kad version we advertise (8: the highest iMule accepts, and what aMule 2.3.3 sends).
 *
 * <p>An iMule node has an I2P UDP (datagram) destination and the TCP destination of Kad1 contacts
 * and BOOTSTRAP_RES; its {@code endpoint} is the UDP destination. A kad4 node ({@link #kad4}) has
 * an IPv4 endpoint (address and UDP port, as the routing table keys peers: no TCP port) and the
 * TCP port its HELLOs and BOOTSTRAP_RES advertise; it has no I2P destinations, and its KadID must
 * never be the one of an I2P node (docs/overlays.md, "one identity, one overlay").
 *
 * @param udpDest the I2P datagram destination, or null for a kad4 identity
 * @param tcpDest the I2P TCP destination, or null for a kad4 identity
 * @param endpoint our UDP endpoint as routing, lookups and the shaper see peers
 * @param tcpPort the TCP port a kad4 node advertises (0 for iMule)
 */
public record KadIdentity(
    KadId id, I2pDestination udpDest, I2pDestination tcpDest, int udpKeySecret, int version,
    Endpoint endpoint, int tcpPort) {

  public KadIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    if (id.isZero()) {
      throw new IllegalArgumentException("KadID must not be 0");
    }
    if (version < 2 || version > Kad2Contact.MAX_VERSION) {
      throw new IllegalArgumentException("advertised version must be 2..8, got " + version);
    }
    if (endpoint instanceof I2pEndpoint i2p) {
      Objects.requireNonNull(udpDest, "udpDest");
      Objects.requireNonNull(tcpDest, "tcpDest");
      if (!i2p.destination().equals(udpDest)) {
        throw new IllegalArgumentException("endpoint must be the UDP destination");
      }
    } else if (endpoint instanceof Ipv4UdpEndpoint v4) {
      if (udpDest != null || tcpDest != null) {
        throw new IllegalArgumentException("a kad4 identity has no I2P destination");
      }
      if (v4.tcpPort().isPresent()) {
        endpoint = new Ipv4UdpEndpoint(v4.address(), v4.udpPort());
      }
      if (tcpPort < 0 || tcpPort > 0xFFFF) {
        throw new IllegalArgumentException("tcpPort must fit in u16: " + tcpPort);
      }
    }
  }

  /** An iMule identity over I2P. */
  public KadIdentity(
      KadId id, I2pDestination udpDest, I2pDestination tcpDest, int udpKeySecret, int version) {
    this(id, udpDest, tcpDest, udpKeySecret, version, new I2pEndpoint(udpDest), 0);
  }

  /** A kad4 identity: a KadID of its own, reached at {@code udp} (IPv4), advertising {@code tcpPort}. */
  public static KadIdentity kad4(KadId id, Ipv4UdpEndpoint udp, int tcpPort, int udpKeySecret,
      int version) {
    return new KadIdentity(id, null, null, udpKeySecret, version, udp, tcpPort);
  }

  /** Our Kad2 contact as iMule HELLOs carry it (iMule identities only). */
  public Kad2Contact kad2Contact() {
    return new Kad2Contact(version, id, Objects.requireNonNull(udpDest, "not an iMule identity"));
  }

  /** Our contact in the overlay-neutral form routing and lookups use. */
  public KadContact contact() {
    return new KadContact(version, id, endpoint);
  }

  /** Our Kad1 contact; iMule writes type 0 for itself (iMule identities only). */
  public Kad1Contact kad1Contact() {
    return new Kad1Contact(id, Objects.requireNonNull(udpDest, "not an iMule identity"), tcpDest,
        0);
  }

  /**
   * {@code verifyKeyInput()} of our endpoint (iMule's 4-byte "IP" of our UDP destination, kad4's
   * IPv4 address): verify keys count only when received on it.
   */
  public int udpHash() {
    return endpoint.verifyKeyInput();
  }
}
