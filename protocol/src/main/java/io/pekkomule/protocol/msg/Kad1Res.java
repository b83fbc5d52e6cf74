package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/** Kad1 RES (0x06): {@code UInt128 target · u8 n · n × C1}; the rest must be exactly 791·n bytes. */
public record Kad1Res(KadId target, List<Kad1Contact> contacts) implements KadMessage {
  public Kad1Res {
    Objects.requireNonNull(target, "target");
    contacts = Codec.maxSize(contacts, 0xFF, "contacts");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    target.writeTo(w);
    w.u8(contacts.size());
    Codec.writeKad1Contacts(w, contacts);
  }

  static Kad1Res read(WireReader r, TagReader tags) throws DecodeException {
    KadId target = KadId.read(r);
    int at = r.position();
    int n = r.u8();
    return new Kad1Res(target, Codec.kad1ContactsExact(r, at, n, tags.limits().maxKad1Contacts()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_RES_DEPRECATED.code();
  }

  public static Kad1Res decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1Res decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1Res.class, Opcode.KADEMLIA_RES_DEPRECATED, payload, limits);
  }
}
