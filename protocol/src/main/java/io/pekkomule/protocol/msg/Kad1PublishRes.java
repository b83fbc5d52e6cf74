package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/** Kad1 PUBLISH_RES (0x0B): the two shapes of KADEMLIA2_PUBLISH_RES, without the options byte (the Kad1 handler of iMule never reads one). */
public record Kad1PublishRes(KadId key, Optional<SourceCounts> sourceCounts, int load) implements KadMessage {
  public Kad1PublishRes {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sourceCounts, "sourceCounts");
    Codec.u8(load, "load");
  }

  public static Kad1PublishRes forKey(KadId key, int load) {
    return new Kad1PublishRes(key, Optional.empty(), load);
  }

  public static Kad1PublishRes forSource(KadId fileId, long total, long complete, int load) {
    return new Kad1PublishRes(fileId, Optional.of(new SourceCounts(total, complete)), load);
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    PublishResShape.write(w, key, sourceCounts, load);
  }

  static Kad1PublishRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId key = KadId.read(r);
    Optional<SourceCounts> counts = PublishResShape.readCounts(r, r.remaining());
    return new Kad1PublishRes(key, counts, r.u8());
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_PUBLISH_RES.code();
  }

  public static Kad1PublishRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1PublishRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1PublishRes.class, Opcode.KADEMLIA_PUBLISH_RES, payload, limits);
  }
}
