package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** KADEMLIA2_SEARCH_NOTES_REQ (0x16): {@code UInt128 fileId · u64 fileSize} (24 bytes). */
public record Kad2SearchNotesReq(KadId fileId, long fileSize) implements KadMessage {
  public Kad2SearchNotesReq {
    Objects.requireNonNull(fileId, "fileId");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    fileId.writeTo(w);
    w.u64(fileSize);
  }

  static Kad2SearchNotesReq read(WireReader r, TagReader tags) throws DecodeException {
    return new Kad2SearchNotesReq(KadId.read(r), r.u64());
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_SEARCH_NOTES_REQ.code();
  }

  public static Kad2SearchNotesReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2SearchNotesReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2SearchNotesReq.class, Opcode.KADEMLIA2_SEARCH_NOTES_REQ, payload, limits);
  }
}
