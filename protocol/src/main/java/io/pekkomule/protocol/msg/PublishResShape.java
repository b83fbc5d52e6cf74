package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Optional;

/** The two PUBLISH_RES bodies, told apart by what follows the key: 1 byte (load) or 9 (counts + load). */
final class PublishResShape {
  private PublishResShape() {}

  static void write(WireWriter w, KadId key, Optional<SourceCounts> counts, int load) {
    key.writeTo(w);
    counts.ifPresent(c -> w.u32(c.total()).u32(c.complete()));
    w.u8(load);
  }

  /** Reads the counts when {@code bodyBytes} (what is left up to and including load) is 9. */
  static Optional<SourceCounts> readCounts(WireReader r, int bodyBytes) throws DecodeException {
    if (bodyBytes == 1) {
      return Optional.empty();
    }
    if (bodyBytes == 9) {
      long total = r.u32();
      return Optional.of(new SourceCounts(total, r.u32()));
    }
    throw new DecodeException(
        Reason.BAD_VALUE, r.position(), "PUBLISH_RES body of " + bodyBytes + " bytes after the key matches no shape");
  }
}
