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
import java.util.OptionalInt;

/** KADEMLIA2_PUBLISH_RES (0x1B) in both shapes: keyword/notes {@code UInt128 key · u8 load}, and the iMule-only source shape {@code UInt128 fileId · u32 total · u32 complete · u8 load}; either may end with an options byte (bit 0 asks for PUBLISH_RES_ACK; iMule never sets it). The shape is told apart by length. */
public record Kad2PublishRes(KadId key, Optional<SourceCounts> sourceCounts, int load, OptionalInt options) implements KadMessage {
  public Kad2PublishRes {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sourceCounts, "sourceCounts");
    Codec.u8(load, "load");
    Objects.requireNonNull(options, "options");
    if (options.isPresent()) {
      Codec.u8(options.getAsInt(), "options");
    }
  }

  /** The answer to a keyword or notes publish. */
  public static Kad2PublishRes forKey(KadId key, int load) {
    return new Kad2PublishRes(key, Optional.empty(), load, OptionalInt.empty());
  }

  /** The answer to a stored source, with the file's source counts (iMule shape). */
  public static Kad2PublishRes forSource(KadId fileId, long total, long complete, int load) {
    return new Kad2PublishRes(fileId, Optional.of(new SourceCounts(total, complete)), load, OptionalInt.empty());
  }

  public boolean requestsAck() {
    return (options.orElse(0) & 0x01) != 0;
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    PublishResShape.write(w, key, sourceCounts, load);
    options.ifPresent(w::u8);
  }

  static Kad2PublishRes read(WireReader r, TagReader tags) throws DecodeException {
    KadId key = KadId.read(r);
    int rest = r.remaining();
    boolean hasOptions = rest == 2 || rest == 10;
    Optional<SourceCounts> counts = PublishResShape.readCounts(r, hasOptions ? rest - 1 : rest);
    int load = r.u8();
    OptionalInt options = hasOptions ? OptionalInt.of(r.u8()) : OptionalInt.empty();
    return new Kad2PublishRes(key, counts, load, options);
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_PUBLISH_RES.code();
  }

  public static Kad2PublishRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2PublishRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2PublishRes.class, Opcode.KADEMLIA2_PUBLISH_RES, payload, limits);
  }
}
