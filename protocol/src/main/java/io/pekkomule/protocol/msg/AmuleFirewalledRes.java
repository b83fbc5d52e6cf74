package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;

/**
 * KADEMLIA_FIREWALLED_RES (kad4 0x58): {@code u32 ip}, exactly 4 bytes: the requester's IPv4
 * address as the responder saw it (aMule host order, little-endian on the wire), sent after the
 * responder's TCP connection attempt was set up. aMule adopts it as its own public IP.
 *
 * @param address most significant byte first, as {@link Ipv4UdpEndpoint#address()}
 */
public record AmuleFirewalledRes(int address) implements KadMessage {
  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    w.u32(Integer.toUnsignedLong(address));
  }

  static AmuleFirewalledRes read(WireReader r, TagReader tags) throws DecodeException {
    return new AmuleFirewalledRes((int) r.u32());
  }

  /** The kad4 opcode; this record has no iMule form. */
  @Override
  public int opcode() {
    return AmuleOpcode.KADEMLIA_FIREWALLED_RES.code();
  }

  public static AmuleFirewalledRes decode(byte[] payload) throws DecodeException {
    return AmuleMessages.decodeAs(AmuleFirewalledRes.class, AmuleOpcode.KADEMLIA_FIREWALLED_RES, payload);
  }

  @Override
  public String toString() {
    return "AmuleFirewalledRes[" + new Ipv4UdpEndpoint(address, 0).dotted() + "]";
  }
}
