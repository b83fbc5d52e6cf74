package io.pekkomule.node.api;

import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;

/**
 * One routing-table or replacement-cache entry.
 *
 * @param b32 the contact's destination as {@code <52 chars>.b32.i2p}; null for a contact that
 *     is not on I2P
 * @param state endpoint-proof state (seed 004 Lane A)
 * @param type iMule's liveness class 0 (long alive) … 4 (dead)
 * @param verified iMule's "IP verified" flag
 * @param version the contact's Kad version
 * @param ageSeconds seconds since the node first saw the contact
 * @param endpoint where the contact is reached: the {@code .b32.i2p} address, or {@code ip:port}
 *     for an IPv4 (kad4) contact
 */
public record ContactView(
    KadId kadId,
    String b32,
    ContactState state,
    int type,
    boolean verified,
    int version,
    long ageSeconds,
    String endpoint) {

  /** An I2P contact: {@code endpoint} is the {@code b32} address. */
  public ContactView(KadId kadId, String b32, ContactState state, int type, boolean verified,
      int version, long ageSeconds) {
    this(kadId, b32, state, type, verified, version, ageSeconds, b32);
  }

  /** A contact at any endpoint. */
  public static ContactView of(KadId kadId, Endpoint endpoint, ContactState state, int type,
      boolean verified, int version, long ageSeconds) {
    String b32 = endpoint instanceof I2pEndpoint i ? i.destination().toB32() : null;
    return new ContactView(kadId, b32, state, type, verified, version, ageSeconds, text(endpoint));
  }

  /** {@code <52 chars>.b32.i2p} or {@code a.b.c.d:port}. */
  public static String text(Endpoint endpoint) {
    if (endpoint instanceof I2pEndpoint i) {
      return i.destination().toB32();
    }
    Ipv4UdpEndpoint v4 = (Ipv4UdpEndpoint) endpoint;
    int a = v4.address();
    return (a >>> 24 & 0xFF) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF)
        + ":" + v4.udpPort();
  }
}
