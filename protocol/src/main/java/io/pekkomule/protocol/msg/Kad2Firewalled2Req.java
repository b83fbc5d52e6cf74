package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** KADEMLIA_FIREWALLED2_REQ (0x1D, aMule layout): {@code u16 tcpPort · UInt128 userHash · u8 connectOptions} (19 bytes). iMule does not handle it. */
public record Kad2Firewalled2Req(int tcpPort, KadId userHash, int connectOptions) implements KadMessage {
  public Kad2Firewalled2Req {
    Codec.u16(tcpPort, "tcpPort");
    Objects.requireNonNull(userHash, "userHash");
    Codec.u8(connectOptions, "connectOptions");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u16(tcpPort);
    userHash.writeTo(w);
    w.u8(connectOptions);
  }

  static Kad2Firewalled2Req read(WireReader r, TagReader tags) throws DecodeException {
    int port = r.u16();
    KadId hash = KadId.read(r);
    return new Kad2Firewalled2Req(port, hash, r.u8());
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_FIREWALLED2_REQ.code();
  }

  public static Kad2Firewalled2Req decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2Firewalled2Req decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2Firewalled2Req.class, Opcode.KADEMLIA_FIREWALLED2_REQ, payload, limits);
  }
}
