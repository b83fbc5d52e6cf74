package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/** KADEMLIA2_PONG (0x1F): empty in iMule (aMule adds a u16 port). Like iMule, the decoder ignores any body. */
public record Kad2Pong() implements KadMessage {
  @Override
  public void writeTo(WireWriter w, TagWriter tags) {}

  static Kad2Pong read(WireReader r, TagReader tags) throws DecodeException {
    r.skip(r.remaining());
    return new Kad2Pong();
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_PONG.code();
  }

  public static Kad2Pong decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2Pong decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2Pong.class, Opcode.KADEMLIA2_PONG, payload, limits);
  }
}
