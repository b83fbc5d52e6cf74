package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/** KADEMLIA2_FIREWALLUDP (0x20, aMule layout): {@code u8 errorCode · u16 incomingPort}. iMule does not handle it. */
public record Kad2FirewallUdp(int errorCode, int incomingPort) implements KadMessage {
  public Kad2FirewallUdp {
    Codec.u8(errorCode, "errorCode");
    Codec.u16(incomingPort, "incomingPort");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u8(errorCode).u16(incomingPort);
  }

  static Kad2FirewallUdp read(WireReader r, TagReader tags) throws DecodeException {
    int error = r.u8();
    return new Kad2FirewallUdp(error, r.u16());
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_FIREWALLUDP.code();
  }

  public static Kad2FirewallUdp decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2FirewallUdp decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2FirewallUdp.class, Opcode.KADEMLIA2_FIREWALLUDP, payload, limits);
  }
}
