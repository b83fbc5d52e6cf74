package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * A payload under an opcode iMule does not define (spec §7.1: it logs and drops these). Decoding
 * never fails for it; the node decides what to do.
 */
public record Unknown(int opcode, Bytes payload) implements KadMessage {
  public Unknown {
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode must fit in one byte: " + opcode);
    }
    if (Opcode.fromCode(opcode).isPresent()) {
      throw new IllegalArgumentException(String.format("0x%02X is a known opcode", opcode));
    }
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    payload.writeTo(w);
  }
}
