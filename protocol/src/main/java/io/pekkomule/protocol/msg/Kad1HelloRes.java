package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** Kad1 HELLO_RES (0x04): exactly one 791-byte Kad1 contact, the responder. */
public record Kad1HelloRes(Kad1Contact sender) implements KadMessage {
  public Kad1HelloRes {
    Objects.requireNonNull(sender, "sender");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    sender.writeTo(w);
  }

  static Kad1HelloRes read(WireReader r, TagReader tags) throws DecodeException {
    return new Kad1HelloRes(Kad1Contact.read(r));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_HELLO_RES_DEPRECATED.code();
  }

  public static Kad1HelloRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1HelloRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1HelloRes.class, Opcode.KADEMLIA_HELLO_RES_DEPRECATED, payload, limits);
  }
}
