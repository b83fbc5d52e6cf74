package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** Kad1 BOOTSTRAP_REQ (0x01): exactly one 791-byte Kad1 contact, the sender. */
public record Kad1BootstrapReq(Kad1Contact sender) implements KadMessage {
  public Kad1BootstrapReq {
    Objects.requireNonNull(sender, "sender");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    sender.writeTo(w);
  }

  static Kad1BootstrapReq read(WireReader r, TagReader tags) throws DecodeException {
    return new Kad1BootstrapReq(Kad1Contact.read(r));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_BOOTSTRAP_REQ_DEPRECATED.code();
  }

  public static Kad1BootstrapReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1BootstrapReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1BootstrapReq.class, Opcode.KADEMLIA_BOOTSTRAP_REQ_DEPRECATED, payload, limits);
  }
}
