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

/** KADEMLIA2_PUBLISH_KEY_REQ (0x18): {@code UInt128 keywordId · u16 n · n × (UInt128 fileId · TagList)}. iMule sends at most 150 files per keyword, split over packets. */
public record Kad2PublishKeyReq(KadId keywordId, List<TaggedEntry> entries) implements KadMessage {
  public Kad2PublishKeyReq {
    Objects.requireNonNull(keywordId, "keywordId");
    entries = Codec.maxSize(entries, 0xFFFF, "entries");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    keywordId.writeTo(w);
    Codec.writeEntries(w, entries, tags);
  }

  static Kad2PublishKeyReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId key = KadId.read(r);
    return new Kad2PublishKeyReq(key, Codec.entries(r, tags, tags.limits().maxPublishEntries()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_PUBLISH_KEY_REQ.code();
  }

  public static Kad2PublishKeyReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2PublishKeyReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2PublishKeyReq.class, Opcode.KADEMLIA2_PUBLISH_KEY_REQ, payload, limits);
  }
}
