package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.Comparator;

/** The mutable record behind one bin slot or replacement-cache candidate; never leaves the package. */
final class Entry {
  /** Best replacement candidate first: proven endpoints, then the most recently seen. */
  static final Comparator<Entry> CANDIDATE_ORDER =
      Comparator.comparing((Entry e) -> !e.verified)
          .thenComparing(Comparator.comparingLong((Entry e) -> e.lastSeen).reversed());

  final KadId id;
  Endpoint dest;
  int version;
  /** The peer's UDP verify key and the hash of our destination it came on ({@link UdpKey}),
   * kept as primitives: one object less per contact. */
  private long keyValue;
  private int keyReceivedOn;
  boolean verified;
  int type;
  long created;
  long expires;
  long lastTypeSet;
  boolean receivedHello;
  /** iMule's {@code m_checkKad2}: the next Kad1 ping also sends the one-off Kad2 probe. */
  boolean kad2Probe;
  final boolean fromNodesDat;
  ContactState state = ContactState.SEEN;
  long challengedAt;
  long lastSeen;
  int identityFlips;
  Zone zone;

  Entry(KadId id, Endpoint dest, int version, UdpKey key, boolean verified,
      boolean fromNodesDat, long now) {
    this.id = id;
    this.dest = dest;
    this.version = version;
    setKey(key);
    this.verified = verified;
    this.fromNodesDat = fromNodesDat;
    this.kad2Probe = !fromNodesDat;
    this.lastSeen = now;
    resetLiveness(now);
  }

  /** A contact entering a bin starts as iMule's new contact: type 3, expiry unset. */
  void resetLiveness(long now) {
    type = KadConstants.TYPE_NEW;
    created = now;
    expires = 0;
    lastTypeSet = now;
  }

  UdpKey key() {
    return keyValue == 0 && keyReceivedOn == 0 ? UdpKey.EMPTY
        : new UdpKey(keyValue, keyReceivedOn);
  }

  void setKey(UdpKey k) {
    keyValue = k.key();
    keyReceivedOn = k.receivedOnHash();
  }

  /** {@link UdpKey#valueFor} without materialising the key. */
  long keyValueFor(int ownDestinationHash) {
    return keyReceivedOn == ownDestinationHash ? keyValue : 0;
  }

  /** The one-contact-per-address key (iMule: the destination hash). */
  AddressKey hash() {
    return dest.addressKey();
  }

  RoutingContact snapshot() {
    return new RoutingContact(id, dest, version, key(), verified, type, state, created, expires,
        lastTypeSet, receivedHello, identityFlips);
  }
}
