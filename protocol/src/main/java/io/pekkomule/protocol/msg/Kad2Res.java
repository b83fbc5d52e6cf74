package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/** KADEMLIA2_RES (0x13): {@code UInt128 target · u8 n · n × C2}; the rest of the payload must be exactly 404·n bytes, as iMule checks. */
public record Kad2Res(KadId target, List<Kad2Contact> contacts) implements KadMessage {
  public Kad2Res {
    Objects.requireNonNull(target, "target");
    contacts = Codec.maxSize(contacts, 0xFF, "contacts");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    target.writeTo(w);
    w.u8(contacts.size());
    Codec.writeKad2Contacts(w, contacts);
  }

  static Kad2Res read(WireReader r, TagReader tags) throws DecodeException {
    KadId target = KadId.read(r);
    int at = r.position();
    int n = r.u8();
    return new Kad2Res(target, Codec.kad2ContactsExact(r, at, n, tags.limits().maxKad2Contacts()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_RES.code();
  }

  public static Kad2Res decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2Res decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2Res.class, Opcode.KADEMLIA2_RES, payload, limits);
  }
}
