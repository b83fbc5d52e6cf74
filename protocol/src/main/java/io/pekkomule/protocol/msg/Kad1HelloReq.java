package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** Kad1 HELLO_REQ (0x03): exactly one 791-byte Kad1 contact, the sender. iMule sends it to any peer when its routing table is empty. */
public record Kad1HelloReq(Kad1Contact sender) implements KadMessage {
  public Kad1HelloReq {
    Objects.requireNonNull(sender, "sender");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    sender.writeTo(w);
  }

  static Kad1HelloReq read(WireReader r, TagReader tags) throws DecodeException {
    return new Kad1HelloReq(Kad1Contact.read(r));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_HELLO_REQ_DEPRECATED.code();
  }

  public static Kad1HelloReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1HelloReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1HelloReq.class, Opcode.KADEMLIA_HELLO_REQ_DEPRECATED, payload, limits);
  }
}
