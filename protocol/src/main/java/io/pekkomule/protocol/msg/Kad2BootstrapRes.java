package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.I2pDestination;
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

/** KADEMLIA2_BOOTSTRAP_RES (0x0E): {@code UInt128 senderId · u8 senderVersion · dest senderTcp · u16 n · n × C2}. iMule sends at most 24 contacts. */
public record Kad2BootstrapRes(KadId senderId, int senderVersion, I2pDestination senderTcpDest, List<Kad2Contact> contacts) implements KadMessage {
  public Kad2BootstrapRes {
    Objects.requireNonNull(senderId, "senderId");
    Codec.u8(senderVersion, "senderVersion");
    Objects.requireNonNull(senderTcpDest, "senderTcpDest");
    contacts = Codec.maxSize(contacts, 0xFFFF, "contacts");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    senderId.writeTo(w);
    w.u8(senderVersion);
    senderTcpDest.writeTo(w);
    w.u16(contacts.size());
    Codec.writeKad2Contacts(w, contacts);
  }

  static Kad2BootstrapRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId id = KadId.read(r);
    int version = r.u8();
    I2pDestination tcp = I2pDestination.read(r);
    int at = r.position();
    int n = r.u16();
    return new Kad2BootstrapRes(
        id, version, tcp, Codec.kad2ContactsExact(r, at, n, tags.limits().maxKad2Contacts()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_BOOTSTRAP_RES.code();
  }

  public static Kad2BootstrapRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2BootstrapRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2BootstrapRes.class, Opcode.KADEMLIA2_BOOTSTRAP_RES, payload, limits);
  }
}
