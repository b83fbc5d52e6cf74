package io.pekkomule.protocol.contact;

import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * The 413-byte contact record of nodes.dat v2/v3: a Kad2 contact, the UDP verify key that peer
 * gave us, the own-destination hash it was received on, and the verified flag (spec §14.1).
 */
public record FileContact(Kad2Contact contact, long udpKey, long udpKeyIp, boolean verified) {
  public static final int BYTES = Kad2Contact.BYTES + 4 + 4 + 1;

  public static FileContact read(WireReader r) throws DecodeException {
    Kad2Contact c = Kad2Contact.read(r);
    long key = r.u32();
    long keyIp = r.u32();
    int verified = r.u8();
    return new FileContact(c, key, keyIp, verified != 0);
  }

  public void writeTo(WireWriter w) {
    contact.writeTo(w);
    w.u32(udpKey).u32(udpKeyIp).u8(verified ? 1 : 0);
  }
}
