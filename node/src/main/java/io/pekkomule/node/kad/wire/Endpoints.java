package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The node core's family rules and the iMule codec boundary. Routing, lookups and the dispatcher's
 * flood and packet tracking see only {@link Endpoint} and {@link KadContact}; where an iMule wire
 * message carries contacts ({@link Kad2Contact}, {@link Kad1Contact}) they are converted here, at
 * the edge, and nowhere else.
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Whether an endpoint may enter the routing table at all. iMule's {@code isValid()}: the
   * destination hash must be non-zero. IPv4: a non-zero address and UDP port (the kad4 overlay's
   * own admission rules come with its routing policy).
   */
  public static boolean isValid(Endpoint e) {
    if (e instanceof I2pEndpoint i2p) {
      return i2p.destination().isValidForImule();
    }
    Ipv4UdpEndpoint v4 = (Ipv4UdpEndpoint) e;
    return v4.address() != 0 && v4.udpPort() != 0;
  }

  /** The I2P destination of an endpoint of the iMule overlay (anything else is a programming error). */
  public static I2pDestination i2p(Endpoint e) {
    if (e instanceof I2pEndpoint i2p) {
      return i2p.destination();
    }
    throw new IllegalArgumentException("not an I2P endpoint: " + e);
  }

  /** iMule wire contacts → neutral contacts. */
  public static List<KadContact> fromKad2(List<Kad2Contact> wire) {
    List<KadContact> out = new ArrayList<>(wire.size());
    for (Kad2Contact c : wire) {
      out.add(KadContact.of(c));
    }
    return out;
  }

  /** Neutral contacts → iMule wire contacts (I2P endpoints only). */
  public static List<Kad2Contact> toKad2(List<KadContact> contacts) {
    List<Kad2Contact> out = new ArrayList<>(contacts.size());
    for (KadContact c : contacts) {
      out.add(c.toKad2Contact());
    }
    return out;
  }

  /** A Kad1 contact as the table keeps it: version 0 means "learned via Kad1". */
  public static KadContact fromKad1(Kad1Contact c) {
    return new KadContact(0, c.id(), new I2pEndpoint(c.udpDest()));
  }

  /**
   * A neutral contact as a Kad1 wire contact: we do not learn TCP destinations through Kad2, and
   * iMule ignores the field in Kad1 contacts, so the UDP destination stands in for it.
   */
  public static Kad1Contact toKad1(KadContact c) {
    I2pDestination d = i2p(c.endpoint());
    return new Kad1Contact(c.id(), d, d, 0);
  }
}
