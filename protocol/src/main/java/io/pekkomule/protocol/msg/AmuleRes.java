package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.AmuleWireContact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * KADEMLIA2_RES (kad4 0x29): {@code UInt128 target · u8 n · n × 25-byte contact}; the rest of the
 * payload must be exactly 25·n bytes ({@code CHECK_PACKET_EXACT_SIZE}). Contacts are IPv4 and held
 * in wire form (TCP port always present).
 */
public record AmuleRes(KadId target, List<KadContact> contacts) implements KadMessage {
  public AmuleRes {
    Objects.requireNonNull(target, "target");
    contacts = Codec.maxSize(contacts, 0xFF, "contacts").stream().map(AmuleWireContact::canonical).toList();
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    target.writeTo(w);
    w.u8(contacts.size());
    contacts.forEach(c -> AmuleWireContact.write(w, c));
  }

  static AmuleRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId target = KadId.read(r);
    int at = r.position();
    int n = r.u8();
    return new AmuleRes(target, Codec.amuleContactsExact(r, at, n, tags.limits().maxKad2Contacts()));
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA2_RES.code();
  }

  public static AmuleRes decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmuleRes.class, AmuleOpcode.KADEMLIA2_RES, payload);
  }
}
