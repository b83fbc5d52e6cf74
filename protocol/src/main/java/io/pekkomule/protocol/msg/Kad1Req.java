package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** Kad1 REQ (0x05): exactly 49 bytes, {@code u8 count · UInt128 target · UInt128 receiverId · UInt128 senderId}. */
public record Kad1Req(int count, KadId target, KadId receiverId, KadId senderId) implements KadMessage {
  public Kad1Req {
    Codec.u8(count, "count");
    if ((count & 0x1F) == 0) {
      throw new IllegalArgumentException("count & 0x1F must not be 0");
    }
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(receiverId, "receiverId");
    Objects.requireNonNull(senderId, "senderId");
  }

  public int requestedContacts() {
    return count & 0x1F;
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u8(count);
    target.writeTo(w);
    receiverId.writeTo(w);
    senderId.writeTo(w);
  }

  static Kad1Req read(WireReader r, TagReader tags) throws DecodeException {
    int count = r.u8();
    if ((count & 0x1F) == 0) {
      throw new DecodeException(Reason.BAD_VALUE, 0, "REQ asks for 0 contacts");
    }
    return new Kad1Req(count, KadId.read(r), KadId.read(r), KadId.read(r));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_REQ_DEPRECATED.code();
  }

  public static Kad1Req decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1Req decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1Req.class, Opcode.KADEMLIA_REQ_DEPRECATED, payload, limits);
  }
}
