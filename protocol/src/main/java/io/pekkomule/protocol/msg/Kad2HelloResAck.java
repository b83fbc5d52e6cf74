package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** KADEMLIA2_HELLO_RES_ACK (0x12): {@code UInt128 senderId · u8 0} (17 bytes). iMule reads the id and ignores the rest; it must travel receiver-key encrypted. */
public record Kad2HelloResAck(KadId senderId) implements KadMessage {
  public Kad2HelloResAck {
    Objects.requireNonNull(senderId, "senderId");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    senderId.writeTo(w);
    w.u8(0);
  }

  static Kad2HelloResAck read(WireReader r, TagReader tags) throws DecodeException {
    KadId id = KadId.read(r);
    r.skip(r.remaining());
    return new Kad2HelloResAck(id);
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_HELLO_RES_ACK.code();
  }

  public static Kad2HelloResAck decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2HelloResAck decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2HelloResAck.class, Opcode.KADEMLIA2_HELLO_RES_ACK, payload, limits);
  }
}
