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

/** Kad1 PUBLISH_NOTES_REQ (0x0C): {@code UInt128 target · UInt128 sourceId · TagList} (iMule stores 1..5 tags). */
public record Kad1PublishNotesReq(KadId target, KadId sourceId, TagList tags) implements KadMessage {
  public Kad1PublishNotesReq {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(tags, "tags");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tagWriter) {
    target.writeTo(w);
    sourceId.writeTo(w);
    tagWriter.writeList(w, tags);
  }

  static Kad1PublishNotesReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId a = KadId.read(r);
    KadId b = KadId.read(r);
    return new Kad1PublishNotesReq(a, b, tags.readList(r, tags.limits().maxEntryTags()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_PUBLISH_NOTES_REQ_DEPRECATED.code();
  }

  public static Kad1PublishNotesReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1PublishNotesReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1PublishNotesReq.class, Opcode.KADEMLIA_PUBLISH_NOTES_REQ_DEPRECATED, payload, limits);
  }
}
