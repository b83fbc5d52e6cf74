package io.pekkomule.protocol.contact;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * The 791-byte Kad1 contact: {@code KadId · UDP destination · TCP destination · u8 type} (spec
 * §4.1). Used by Kad1 opcodes and nodes.dat v0. iMule ignores {@code type} on receipt and writes 0
 * for itself.
 */
public record Kad1Contact(KadId id, I2pDestination udpDest, I2pDestination tcpDest, int type) {
  public static final int BYTES = KadId.BYTES + 2 * I2pDestination.BYTES + 1;

  public static Kad1Contact read(WireReader r) throws DecodeException {
    int at = r.position();
    KadId id = KadId.read(r);
    I2pDestination udp = I2pDestination.read(r);
    I2pDestination tcp = I2pDestination.read(r);
    int type = r.u8();
    if (id.isZero()) {
      throw new DecodeException(DecodeException.Reason.BAD_VALUE, at, "zero KadID");
    }
    return new Kad1Contact(id, udp, tcp, type);
  }

  public void writeTo(WireWriter w) {
    id.writeTo(w);
    udpDest.writeTo(w);
    tcpDest.writeTo(w);
    w.u8(type);
  }
}
