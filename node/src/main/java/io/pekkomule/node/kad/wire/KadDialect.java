package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.AddressFamily;
import java.util.SplittableRandom;

/**
 * The overlay seam of a Kad node: which wire dialect its dispatcher speaks. Everything behind the
 * dispatcher (routing table, bucket actors, lookups, flood and packet tracking, the shaper) works
 * on {@link io.pekkomule.protocol.endpoint.Endpoint} and {@link
 * io.pekkomule.protocol.contact.KadContact} and is shared by every overlay; a dialect supplies the
 * datagram codec (header bytes, opcodes, tag forms, verify-key input) for its one address family.
 * One node speaks exactly one dialect, on its own identity (docs/overlays.md, "one identity, one
 * overlay").
 *
 * <p>Only {@link #IMULE} exists today. The aMule ("kad4") dialect will add the translation of its
 * own message records (AmuleHello*, AmuleRes, AmuleBootstrapRes, AmulePong) to the same routing
 * commands (docs/kad-node.md, "Overlay seam").
 */
public interface KadDialect {

  /** The overlay this dialect speaks. */
  Overlay overlay();

  /** The only endpoint family this dialect carries. */
  default AddressFamily family() {
    return overlay().addressFamily();
  }

  /** A fresh datagram codec for one node (obfuscation keyed by our id and UDP-key secret). */
  DatagramCodec codec(KadIdentity self, SplittableRandom random);

  /** iMule's Kad over I2P: Kad2 and Kad1 messages, 387-byte destinations, header 0x05/0x06. */
  KadDialect IMULE = new KadDialect() {
    @Override
    public Overlay overlay() {
      return Overlay.IMULE_I2P;
    }

    @Override
    public DatagramCodec codec(KadIdentity self, SplittableRandom random) {
      return new DatagramCodec(
          new KadObfuscator(self.id(), self.udpKeySecret(), random), Limits.DEFAULT);
    }

    @Override
    public String toString() {
      return "KadDialect.IMULE";
    }
  };
}
