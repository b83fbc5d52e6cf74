package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;

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
    Endpoint dest,
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

  public KadContact toContact() {
    return new KadContact(version, id, dest);
  }
}
