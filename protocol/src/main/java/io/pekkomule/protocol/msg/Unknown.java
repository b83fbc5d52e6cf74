package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/**
 * A payload under an opcode the overlay's codec does not define (spec §7.1: iMule logs and drops
 * these; so does aMule). Decoding never fails for it; the node decides what to do. The overlay is
 * part of the value because opcode numbers mean different things in each: 0x11 is iMule's REQ and
 * aMule's HELLO_REQ.
 */
public record Unknown(Overlay overlay, int opcode, Bytes payload) implements KadMessage {
  public Unknown {
    Objects.requireNonNull(overlay, "overlay");
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode must fit in one byte: " + opcode);
    }
    boolean known =
        overlay == Overlay.IMULE_I2P
            ? Opcode.fromCode(opcode).isPresent()
            : AmuleOpcode.fromCode(opcode).isPresent();
    if (known) {
      throw new IllegalArgumentException(String.format("0x%02X is a known %s opcode", opcode, overlay));
    }
    Objects.requireNonNull(payload, "payload");
  }

  /** An opcode iMule does not define. */
  public Unknown(int opcode, Bytes payload) {
    this(Overlay.IMULE_I2P, opcode, payload);
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    payload.writeTo(w);
  }
}
