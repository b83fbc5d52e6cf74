package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * KADEMLIA_FIREWALLED_REQ (kad4 0x50, Kad1-era, still handled by aMule; sent to peers of version
 * ≤ 6): {@code u16 tcpPort}, exactly 2 bytes. Newer peers get {@link Kad2Firewalled2Req} (0x53).
 */
public record AmuleFirewalledReq(int tcpPort) implements KadMessage {
  public AmuleFirewalledReq {
    Codec.u16(tcpPort, "tcpPort");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u16(tcpPort);
  }

  static AmuleFirewalledReq read(WireReader r, TagReader tags) throws DecodeException {
    return new AmuleFirewalledReq(r.u16());
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA_FIREWALLED_REQ.code();
  }

  public static AmuleFirewalledReq decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmuleFirewalledReq.class, AmuleOpcode.KADEMLIA_FIREWALLED_REQ, payload);
  }
}
