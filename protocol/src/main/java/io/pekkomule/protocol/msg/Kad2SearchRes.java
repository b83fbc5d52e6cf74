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

/** KADEMLIA2_SEARCH_RES (0x17): {@code UInt128 senderId · UInt128 key · u16 n · n × (UInt128 answerId · TagList)}. iMule answers every Kad2 search, with n = 0 when it has nothing. */
public record Kad2SearchRes(KadId senderId, KadId key, List<TaggedEntry> results) implements KadMessage {
  public Kad2SearchRes {
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(key, "key");
    results = Codec.maxSize(results, 0xFFFF, "results");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    senderId.writeTo(w);
    key.writeTo(w);
    Codec.writeEntries(w, results, tags);
  }

  static Kad2SearchRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId sender = KadId.read(r);
    KadId key = KadId.read(r);
    return new Kad2SearchRes(sender, key, Codec.entries(r, tags, tags.limits().maxSearchResults()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_SEARCH_RES.code();
  }

  public static Kad2SearchRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2SearchRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2SearchRes.class, Opcode.KADEMLIA2_SEARCH_RES, payload, limits);
  }
}
