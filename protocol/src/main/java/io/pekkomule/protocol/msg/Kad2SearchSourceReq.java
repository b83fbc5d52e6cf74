package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** KADEMLIA2_SEARCH_SOURCE_REQ (0x15): {@code UInt128 fileId · u16 startPos · u64 fileSize} (26 bytes); iMule masks startPos with 0x7FFF. */
public record Kad2SearchSourceReq(KadId fileId, int startPosition, long fileSize) implements KadMessage {
  public Kad2SearchSourceReq {
    Objects.requireNonNull(fileId, "fileId");
    if (startPosition < 0 || startPosition > 0x7FFF) {
      throw new IllegalArgumentException("startPosition must fit in 15 bits: " + startPosition);
    }
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    fileId.writeTo(w);
    w.u16(startPosition).u64(fileSize);
  }

  static Kad2SearchSourceReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId id = KadId.read(r);
    int start = r.u16() & 0x7FFF;
    return new Kad2SearchSourceReq(id, start, r.u64());
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_SEARCH_SOURCE_REQ.code();
  }

  public static Kad2SearchSourceReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2SearchSourceReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2SearchSourceReq.class, Opcode.KADEMLIA2_SEARCH_SOURCE_REQ, payload, limits);
  }
}
