package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.Comparator;

/** The mutable record behind one bin slot or replacement-cache candidate; never leaves the package. */
final class Entry {
  /** Best replacement candidate first: proven endpoints, then the most recently seen. */
  static final Comparator<Entry> CANDIDATE_ORDER =
      Comparator.comparing((Entry e) -> !e.verified())
          .thenComparing(Comparator.comparingLong((Entry e) -> e.lastSeen).reversed());

  private static final ContactState[] STATES = ContactState.values();
  private static final int VERIFIED = 1;
  private static final int RECEIVED_HELLO = 2;
  private static final int KAD2_PROBE = 4;
  private static final int FROM_NODES_DAT = 8;

  // Layout: a table holds hundreds of these per node and a lab thousands of nodes, so the small
  // fields are packed (80 bytes an entry instead of 96): version, liveness type and state as
  // bytes, the four flags in one byte, the u32 verify key as an int.
  final KadId id;
  Endpoint dest;
  Zone zone;
  long created;
  long expires;
  long lastTypeSet;
  long challengedAt;
  long lastSeen;
  /** The peer's UDP verify key (u32) and the hash of our destination it came on
   * ({@link UdpKey}), kept as primitives: one object less per contact. */
  private int keyValue;
  private int keyReceivedOn;
  int identityFlips;
  private byte version;
  private byte type;
  private byte state = (byte) ContactState.SEEN.ordinal();
  private byte flags;

  Entry(KadId id, Endpoint dest, int version, UdpKey key, boolean verified,
      boolean fromNodesDat, long now) {
    this.id = id;
    this.dest = dest;
    version(version);
    setKey(key);
    verified(verified);
    flag(FROM_NODES_DAT, fromNodesDat);
    kad2Probe(!fromNodesDat);
    this.lastSeen = now;
    resetLiveness(now);
  }

  private boolean flag(int bit) {
    return (flags & bit) != 0;
  }

  private void flag(int bit, boolean on) {
    flags = (byte) (on ? flags | bit : flags & ~bit);
  }

  /** Kad version (u8). */
  int version() {
    return version & 0xFF;
  }

  void version(int v) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException("version must fit in u8: " + v);
    }
    version = (byte) v;
  }

  /** iMule's liveness type 0..4. */
  int type() {
    return type;
  }

  void type(int t) {
    type = (byte) t;
  }

  ContactState state() {
    return STATES[state];
  }

  void state(ContactState s) {
    state = (byte) s.ordinal();
  }

  boolean verified() {
    return flag(VERIFIED);
  }

  void verified(boolean v) {
    flag(VERIFIED, v);
  }

  boolean receivedHello() {
    return flag(RECEIVED_HELLO);
  }

  void receivedHello(boolean v) {
    flag(RECEIVED_HELLO, v);
  }

  /** iMule's {@code m_checkKad2}: the next Kad1 ping also sends the one-off Kad2 probe. */
  boolean kad2Probe() {
    return flag(KAD2_PROBE);
  }

  void kad2Probe(boolean v) {
    flag(KAD2_PROBE, v);
  }

  boolean fromNodesDat() {
    return flag(FROM_NODES_DAT);
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
        : new UdpKey(Integer.toUnsignedLong(keyValue), keyReceivedOn);
  }

  void setKey(UdpKey k) {
    keyValue = (int) k.key(); // a u32 (UdpKey checks the range)
    keyReceivedOn = k.receivedOnHash();
  }

  /** {@link UdpKey#valueFor} without materialising the key. */
  long keyValueFor(int ownDestinationHash) {
    return keyReceivedOn == ownDestinationHash ? Integer.toUnsignedLong(keyValue) : 0;
  }

  /** The one-contact-per-address key (iMule: the destination hash). */
  AddressKey hash() {
    return dest.addressKey();
  }

  RoutingContact snapshot() {
    return new RoutingContact(id, dest, version(), key(), verified(), type(), state(), created,
        expires, lastTypeSet, receivedHello(), identityFlips);
  }
}
