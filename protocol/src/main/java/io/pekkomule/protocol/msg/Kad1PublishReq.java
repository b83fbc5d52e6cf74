package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/** Kad1 PUBLISH_REQ (0x0A): same layout as KADEMLIA2_PUBLISH_KEY_REQ; an entry carrying a SOURCETYPE tag is a source (iMule sends sources with n = 1). */
public record Kad1PublishReq(KadId key, List<TaggedEntry> entries) implements KadMessage {
  public Kad1PublishReq {
    Objects.requireNonNull(key, "key");
    entries = Codec.maxSize(entries, 0xFFFF, "entries");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    key.writeTo(w);
    Codec.writeEntries(w, entries, tags);
  }

  static Kad1PublishReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId key = KadId.read(r);
    return new Kad1PublishReq(key, Codec.entries(r, tags, tags.limits().maxPublishEntries()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_PUBLISH_REQ.code();
  }

  public static Kad1PublishReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1PublishReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1PublishReq.class, Opcode.KADEMLIA_PUBLISH_REQ, payload, limits);
  }
}
