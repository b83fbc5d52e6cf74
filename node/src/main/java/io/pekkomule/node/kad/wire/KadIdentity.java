package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.util.Objects;

/**
 * Who this node is on the wire: KadID, the UDP (datagram) destination contacts point at, the TCP
 * destination of Kad1 contacts and BOOTSTRAP_RES, the persisted UDP-key secret, and the Kad
 * version we advertise (8: the highest iMule accepts).
 */
public record KadIdentity(
    KadId id, I2pDestination udpDest, I2pDestination tcpDest, int udpKeySecret, int version) {

  public KadIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(udpDest, "udpDest");
    Objects.requireNonNull(tcpDest, "tcpDest");
    if (id.isZero()) {
      throw new IllegalArgumentException("KadID must not be 0");
    }
    if (version < 2 || version > Kad2Contact.MAX_VERSION) {
      throw new IllegalArgumentException("advertised version must be 2..8, got " + version);
    }
  }

  /** Our Kad2 contact as HELLOs carry it. */
  public Kad2Contact kad2Contact() {
    return new Kad2Contact(version, id, udpDest);
  }

  /** Our UDP endpoint, as routing, lookups and the shaper see peers. */
  public Endpoint endpoint() {
    return new I2pEndpoint(udpDest);
  }

  /** Our contact in the overlay-neutral form routing and lookups use. */
  public KadContact contact() {
    return new KadContact(version, id, endpoint());
  }

  /** Our Kad1 contact; iMule writes type 0 for itself. */
  public Kad1Contact kad1Contact() {
    return new Kad1Contact(id, udpDest, tcpDest, 0);
  }

  /**
   * {@code verifyKeyInput()} of our endpoint (iMule's 4-byte "IP" of our UDP destination): verify
   * keys count only when received on it.
   */
  public int udpHash() {
    return endpoint().verifyKeyInput();
  }
}
