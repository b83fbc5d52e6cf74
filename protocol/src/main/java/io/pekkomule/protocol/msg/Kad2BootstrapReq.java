package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/** KADEMLIA2_BOOTSTRAP_REQ (0x0D): empty payload. */
public record Kad2BootstrapReq() implements KadMessage {
  @Override
  public void writeTo(WireWriter w, TagWriter tags) {}

  static Kad2BootstrapReq read(WireReader r, TagReader tags) {
    return new Kad2BootstrapReq();
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_BOOTSTRAP_REQ.code();
  }

  public static Kad2BootstrapReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2BootstrapReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2BootstrapReq.class, Opcode.KADEMLIA2_BOOTSTRAP_REQ, payload, limits);
  }
}
