package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.Kad2Contact;

/**
 * An immutable snapshot of one routing-table (or replacement-cache) entry, as handed to effects
 * and queries. Times are epoch milliseconds of the table's clock; {@code expiresMillis == 0} means
 * "not set yet" (iMule sets it on the next small timer).
 *
 * @param type iMule's liveness class 0 (long alive) … 4 (dead)
 * @param verified iMule's "IP verified" flag: only verified contacts are answered and used as seeds
 * @param identityFlips how often another KadID claimed this contact's destination (Lane A)
 */
public record RoutingContact(
    KadId id,
    I2pDestination dest,
    int version,
    UdpKey udpKey,
    boolean verified,
    int type,
    ContactState state,
    long createdMillis,
    long expiresMillis,
    long lastTypeSetMillis,
    boolean receivedHello,
    int identityFlips) {

  public Kad2Contact toKad2Contact() {
    return new Kad2Contact(version, id, dest);
  }
}
