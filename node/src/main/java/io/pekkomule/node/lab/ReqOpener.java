package io.pekkomule.node.lab;

import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.Kad2Req;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Opens a lab node's outbound KADEMLIA2_REQ as its receiver reads it (with the receiver's codec:
 * obfuscation and all), for the lab's observers of what peers see (harnesses H8 and H10).
 */
final class ReqOpener {
  private final Map<Endpoint, DatagramCodec> codecs = new HashMap<>();
  private final SplittableRandom random;
  private long undecoded;

  ReqOpener(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A node joined: its datagrams can be opened from now on. */
  void joined(KadIdentity identity) {
    codecs.put(identity.endpoint(), KadDialect.IMULE.codec(identity, random.split()));
  }

  /**
   * The REQ {@code from} sent to {@code to}, or null (unknown receiver, another message, or
   * undecodable).
   */
  Kad2Req open(Endpoint from, Endpoint to, byte[] datagram) {
    DatagramCodec codec = codecs.get(to);
    if (codec == null) {
      return null;
    }
    try {
      return codec.decode(datagram, from).message() instanceof Kad2Req r ? r : null;
    } catch (Exception e) {
      undecoded++;
      return null;
    }
  }

  /** REQs that could not be opened (should stay 0). */
  long undecoded() {
    return undecoded;
  }
}
