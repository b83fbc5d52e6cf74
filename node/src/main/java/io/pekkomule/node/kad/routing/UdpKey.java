package io.pekkomule.node.kad.routing;

/**
 * The UDP verify key a peer sent us, with the hash of our own destination it was received on
 * (iMule's {@code CKadUDPKey}; spec §4.3). It only counts while our destination hash is unchanged.
 */
public record UdpKey(long key, int receivedOnHash) {
  public static final UdpKey EMPTY = new UdpKey(0, 0);

  public UdpKey {
    if (key < 0 || key > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("udp key is a u32: " + key);
    }
  }

  /** The key as seen from our current destination hash; 0 means "none". */
  public long valueFor(int ownDestinationHash) {
    return receivedOnHash == ownDestinationHash ? key : 0;
  }
}
