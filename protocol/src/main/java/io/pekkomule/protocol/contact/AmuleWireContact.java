package io.pekkomule.protocol.contact;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.OptionalInt;

/**
 * aMule's 25-byte Kad2 wire contact ({@code KADEMLIA2_RES}, {@code BOOTSTRAP_RES}, nodes.dat v1):
 * {@code UInt128 id · u32 IPv4 · u16 UDP port · u16 TCP port · u8 version}, all little-endian; the
 * IPv4 is aMule's host-order value, so 198.51.100.1 travels as {@code 01 64 33 C6}. The version is
 * last (iMule's is first). Nothing is rejected here: aMule filters contacts (version ≤ 1, reserved
 * addresses, port 53) when adding them, which is node policy.
 */
public final class AmuleWireContact {
  public static final int BYTES = KadId.BYTES + 4 + 2 + 2 + 1;

  private AmuleWireContact() {}

  public static KadContact read(WireReader r) throws DecodeException {
    KadId id = KadId.read(r);
    int ip = (int) r.u32();
    int udp = r.u16();
    int tcp = r.u16();
    int version = r.u8();
    return new KadContact(version, id, new Ipv4UdpEndpoint(ip, udp, tcp));
  }

  /** Writes an IPv4 contact; a missing TCP port is written as 0. */
  public static void write(WireWriter w, KadContact c) {
    Ipv4UdpEndpoint e = endpoint(c);
    c.id().writeTo(w);
    w.u32(Integer.toUnsignedLong(e.address())).u16(e.udpPort()).u16(e.tcpPort().orElse(0)).u8(c.version());
  }

  /** The contact's endpoint, which must be IPv4. */
  public static Ipv4UdpEndpoint endpoint(KadContact c) {
    if (!(c.endpoint() instanceof Ipv4UdpEndpoint e)) {
      throw new IllegalArgumentException("not an IPv4 contact: " + c.endpoint());
    }
    return e;
  }

  /**
   * The contact as it reads back from the wire: TCP port present (0 if it was missing). Records
   * holding kad4 contacts store this form, so that they equal their decoded selves.
   */
  public static KadContact canonical(KadContact c) {
    Ipv4UdpEndpoint e = endpoint(c);
    if (e.tcpPort().isPresent()) {
      return c;
    }
    return new KadContact(c.version(), c.id(), new Ipv4UdpEndpoint(e.address(), e.udpPort(), OptionalInt.of(0)));
  }
}
