package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.List;

/** Kad1 BOOTSTRAP_RES (0x02): {@code u16 n · n × C1}, exactly; iMule sends at most 12, the last being itself. */
public record Kad1BootstrapRes(List<Kad1Contact> contacts) implements KadMessage {
  public Kad1BootstrapRes {
    contacts = Codec.maxSize(contacts, 0xFFFF, "contacts");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u16(contacts.size());
    Codec.writeKad1Contacts(w, contacts);
  }

  static Kad1BootstrapRes read(WireReader r, TagReader tags) throws DecodeException {
    int at = r.position();
    int n = r.u16();
    return new Kad1BootstrapRes(Codec.kad1ContactsExact(r, at, n, tags.limits().maxKad1Contacts()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_BOOTSTRAP_RES_DEPRECATED.code();
  }

  public static Kad1BootstrapRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1BootstrapRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1BootstrapRes.class, Opcode.KADEMLIA_BOOTSTRAP_RES_DEPRECATED, payload, limits);
  }
}
