package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.OptionalInt;

/** KADEMLIA2_HELLO_REQ (kad4 0x11): {@code UInt128 id · u16 tcpPort · u8 version · TagList}. aMule sends SOURCEUPORT when its internal Kad port is in use and KADMISCOPTIONS when firewalled. */
public record AmuleHelloReq(KadId id, int tcpPort, int version, TagList tags) implements AmuleHello {
  public AmuleHelloReq {
    AmuleHello.check(id, tcpPort, version, tags);
  }

  /** As aMule sends it: the given options and internal UDP port, tags only when needed. */
  public static AmuleHelloReq of(
      KadId id, int tcpPort, int version, OptionalInt internalUdpPort, int miscOptions) {
    return new AmuleHelloReq(id, tcpPort, version, AmuleHello.detailsTags(internalUdpPort, miscOptions));
  }

  /** Tags are always written in aMule's form: this message exists only in kad4. */
  @Override
  public void writeTo(WireWriter w, TagWriter tagWriter) {
    id.writeTo(w);
    w.u16(tcpPort).u8(version);
    TagWriter.AMULE.writeList(w, tags);
  }

  static AmuleHelloReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId id = KadId.read(r);
    int tcp = r.u16();
    int at = r.position();
    int version = r.u8();
    if (version == 0) {
      throw new DecodeException(Reason.BAD_VALUE, at, "HELLO with Kad version 0");
    }
    return new AmuleHelloReq(id, tcp, version, tags.readList(r, tags.limits().maxHelloTags()));
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA2_HELLO_REQ.code();
  }

  public static AmuleHelloReq decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmuleHelloReq.class, AmuleOpcode.KADEMLIA2_HELLO_REQ, payload);
  }
}
