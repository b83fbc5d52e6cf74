package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/** KADEMLIA2_PING (0x1E): empty payload. */
public record Kad2Ping() implements KadMessage {
  @Override
  public void writeTo(WireWriter w, TagWriter tags) {}

  static Kad2Ping read(WireReader r, TagReader tags) {
    return new Kad2Ping();
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_PING.code();
  }

  public static Kad2Ping decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2Ping decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2Ping.class, Opcode.KADEMLIA2_PING, payload, limits);
  }
}
