package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/** KADEMLIA2_PUBLISH_RES_ACK (0x1C, aMule layout): empty. iMule does not handle it. */
public record Kad2PublishResAck() implements KadMessage {
  @Override
  public void writeTo(WireWriter w, TagWriter tags) {}

  static Kad2PublishResAck read(WireReader r, TagReader tags) {
    return new Kad2PublishResAck();
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_PUBLISH_RES_ACK.code();
  }

  public static Kad2PublishResAck decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2PublishResAck decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2PublishResAck.class, Opcode.KADEMLIA2_PUBLISH_RES_ACK, payload, limits);
  }
}
