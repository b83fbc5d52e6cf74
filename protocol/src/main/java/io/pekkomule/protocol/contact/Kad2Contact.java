package io.pekkomule.protocol.contact;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * The 404-byte Kad2 wire contact: {@code u8 kadVersion · KadId · UDP destination} (spec §4.1).
 * iMule drops the whole packet for a version above 8 or a zero id, and so does this decoder.
 */
public record Kad2Contact(int kadVersion, KadId id, I2pDestination udpDest) {
  public static final int BYTES = 1 + KadId.BYTES + I2pDestination.BYTES;
  /** The highest version iMule accepts, and the one this node advertises. */
  public static final int MAX_VERSION = 8;

  public Kad2Contact {
    if (kadVersion < 0 || kadVersion > 255) {
      throw new IllegalArgumentException("kadVersion " + kadVersion);
    }
  }

  public static Kad2Contact read(WireReader r) throws DecodeException {
    int at = r.position();
    int version = r.u8();
    KadId id = KadId.read(r);
    I2pDestination dest = I2pDestination.read(r);
    if (version > MAX_VERSION) {
      throw new DecodeException(DecodeException.Reason.BAD_VALUE, at, "kad version > 8");
    }
    if (id.isZero()) {
      throw new DecodeException(DecodeException.Reason.BAD_VALUE, at, "zero KadID");
    }
    return new Kad2Contact(version, id, dest);
  }

  public void writeTo(WireWriter w) {
    w.u8(kadVersion);
    id.writeTo(w);
    udpDest.writeTo(w);
  }
}
