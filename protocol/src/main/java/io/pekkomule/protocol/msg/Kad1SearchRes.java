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

/** Kad1 SEARCH_RES (0x08): like KADEMLIA2_SEARCH_RES without the sender id: {@code UInt128 key · u16 n · n × (UInt128 · TagList)}. */
public record Kad1SearchRes(KadId key, List<TaggedEntry> results) implements KadMessage {
  public Kad1SearchRes {
    Objects.requireNonNull(key, "key");
    results = Codec.maxSize(results, 0xFFFF, "results");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    key.writeTo(w);
    Codec.writeEntries(w, results, tags);
  }

  static Kad1SearchRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId key = KadId.read(r);
    return new Kad1SearchRes(key, Codec.entries(r, tags, tags.limits().maxSearchResults()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_SEARCH_RES.code();
  }

  public static Kad1SearchRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1SearchRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1SearchRes.class, Opcode.KADEMLIA_SEARCH_RES, payload, limits);
  }
}
