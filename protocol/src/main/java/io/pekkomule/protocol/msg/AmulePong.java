package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * KADEMLIA2_PONG (kad4 0x61): {@code u16 port}, the UDP source port the responder saw the PING
 * come from (aMule uses it to learn its external Kad port). aMule reads two bytes and ignores the
 * rest, and so does this decoder. iMule's PONG is empty ({@link Kad2Pong}).
 */
public record AmulePong(int udpPort) implements KadMessage {
  public AmulePong {
    Codec.u16(udpPort, "udpPort");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u16(udpPort);
  }

  static AmulePong read(WireReader r, TagReader tags) throws DecodeException {
    int port = r.u16();
    r.skip(r.remaining());
    return new AmulePong(port);
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA2_PONG.code();
  }

  public static AmulePong decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmulePong.class, AmuleOpcode.KADEMLIA2_PONG, payload);
  }
}
