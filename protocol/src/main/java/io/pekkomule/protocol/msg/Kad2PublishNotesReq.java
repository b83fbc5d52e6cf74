package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** KADEMLIA2_PUBLISH_NOTES_REQ (0x1A): {@code UInt128 fileId · UInt128 sourceKadId · TagList}. */
public record Kad2PublishNotesReq(KadId fileId, KadId sourceId, TagList tags) implements KadMessage {
  public Kad2PublishNotesReq {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(tags, "tags");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tagWriter) {
    fileId.writeTo(w);
    sourceId.writeTo(w);
    tagWriter.writeList(w, tags);
  }

  static Kad2PublishNotesReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId a = KadId.read(r);
    KadId b = KadId.read(r);
    return new Kad2PublishNotesReq(a, b, tags.readList(r, tags.limits().maxEntryTags()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_PUBLISH_NOTES_REQ.code();
  }

  public static Kad2PublishNotesReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2PublishNotesReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2PublishNotesReq.class, Opcode.KADEMLIA2_PUBLISH_NOTES_REQ, payload, limits);
  }
}
