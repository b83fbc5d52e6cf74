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
 * KADEMLIA2_BOOTSTRAP_RES (kad4 0x09): {@code UInt128 senderId · u16 senderTcpPort · u8
 * senderVersion · u16 n · n × 25-byte contact}. aMule sends at most 20 contacts. Contacts are
 * IPv4 and held in wire form (TCP port always present).
 */
public record AmuleBootstrapRes(KadId senderId, int senderTcpPort, int senderVersion, List<KadContact> contacts)
    implements KadMessage {
  public AmuleBootstrapRes {
    Objects.requireNonNull(senderId, "senderId");
    Codec.u16(senderTcpPort, "senderTcpPort");
    Codec.u8(senderVersion, "senderVersion");
    contacts = Codec.maxSize(contacts, 0xFFFF, "contacts").stream().map(AmuleWireContact::canonical).toList();
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    senderId.writeTo(w);
    w.u16(senderTcpPort).u8(senderVersion).u16(contacts.size());
    contacts.forEach(c -> AmuleWireContact.write(w, c));
  }

  static AmuleBootstrapRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId id = KadId.read(r);
    int tcp = r.u16();
    int version = r.u8();
    int at = r.position();
    int n = r.u16();
    return new AmuleBootstrapRes(id, tcp, version, Codec.amuleContactsExact(r, at, n, tags.limits().maxKad2Contacts()));
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA2_BOOTSTRAP_RES.code();
  }

  public static AmuleBootstrapRes decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmuleBootstrapRes.class, AmuleOpcode.KADEMLIA2_BOOTSTRAP_RES, payload);
  }
}
