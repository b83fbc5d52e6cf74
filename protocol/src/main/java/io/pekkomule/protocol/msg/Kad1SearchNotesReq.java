package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** Kad1 SEARCH_NOTES_REQ (0x09): {@code UInt128 target · UInt128 sourceId} (32 bytes, as iMule sends it). */
public record Kad1SearchNotesReq(KadId target, KadId sourceId) implements KadMessage {
  public Kad1SearchNotesReq {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sourceId, "sourceId");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    target.writeTo(w);
    sourceId.writeTo(w);
  }

  static Kad1SearchNotesReq read(WireReader r, TagReader tags) throws DecodeException {
    return new Kad1SearchNotesReq(KadId.read(r), KadId.read(r));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_SEARCH_NOTES_REQ.code();
  }

  public static Kad1SearchNotesReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1SearchNotesReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1SearchNotesReq.class, Opcode.KADEMLIA_SEARCH_NOTES_REQ, payload, limits);
  }
}
