package io.pekkomule.protocol.contact;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.util.Objects;

/**
 * A Kad contact independent of the overlay: Kad version, node id and where it is reached. Each
 * overlay has its own wire form ({@link Kad2Contact}: iMule's 404 bytes, {@link AmuleWireContact}:
 * aMule's 25 bytes); routing and lookup code work on this type.
 */
public record KadContact(int version, KadId id, Endpoint endpoint) {
  public KadContact {
    if (version < 0 || version > 255) {
      throw new IllegalArgumentException("version must fit in u8: " + version);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** The neutral form of an iMule wire contact. */
  public static KadContact of(Kad2Contact c) {
    return new KadContact(c.kadVersion(), c.id(), new I2pEndpoint(c.udpDest()));
  }

  /** iMule's wire form; only for I2P endpoints. */
  public Kad2Contact toKad2Contact() {
    if (!(endpoint instanceof I2pEndpoint i2p)) {
      throw new IllegalArgumentException("not an I2P contact: " + endpoint);
    }
    return new Kad2Contact(version, id, i2p.destination());
  }
}
