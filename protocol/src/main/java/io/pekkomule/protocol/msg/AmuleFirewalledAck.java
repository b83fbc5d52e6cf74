package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * KADEMLIA_FIREWALLED_ACK_RES (kad4 0x59): empty. Deprecated since Kad version 7 (the result now
 * travels over TCP), still counted by aMule.
 */
public record AmuleFirewalledAck() implements KadMessage {
  @Override
  public void writeTo(WireWriter w, TagWriter tags) {}

  static AmuleFirewalledAck read(WireReader r, TagReader tags) {
    return new AmuleFirewalledAck();
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA_FIREWALLED_ACK_RES.code();
  }

  public static AmuleFirewalledAck decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmuleFirewalledAck.class, AmuleOpcode.KADEMLIA_FIREWALLED_ACK_RES, payload);
  }
}
