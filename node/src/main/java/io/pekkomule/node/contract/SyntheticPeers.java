package io.pekkomule.node.contract;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.I2pEndpoint;

/**
 * Made-up destinations for harnesses and benchmarks: 387 bytes, NULL certificate, iMule hash =
 * the peer number + 1 (never zero), so each peer has its own flood-tracker key.
 */
public final class SyntheticPeers {
  private final Endpoint[] peers;

  public SyntheticPeers(int n) {
    peers = new Endpoint[n];
    for (int i = 0; i < n; i++) {
      peers[i] = new I2pEndpoint(destination(i));
    }
  }

  public static I2pDestination destination(int i) {
    byte[] raw = new byte[I2pDestination.BYTES];
    int h = i + 1;
    raw[0] = (byte) h;
    raw[1] = (byte) (h >>> 8);
    raw[2] = (byte) (h >>> 16);
    raw[3] = (byte) (h >>> 24);
    raw[4] = (byte) 0x5A; // not all-zero key material
    return I2pDestination.of(raw);
  }

  public Endpoint get(int i) {
    return peers[i];
  }

  public int size() {
    return peers.length;
  }
}
