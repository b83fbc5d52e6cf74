package io.pekkomule.protocol.frame;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Kad message at frame level: opcode plus uncompressed payload, without the protocol byte
 * (spec §1, §5.1). Immutable: the payload is copied in and out.
 */
public record KadPacket(int opcode, byte[] payload) {

  public KadPacket {
    if (opcode < 0 || opcode > 0xFF) {
      throw new IllegalArgumentException("opcode must fit in one byte: " + opcode);
    }
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Payload length without copying. */
  public int payloadLength() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KadPacket p && p.opcode == opcode && Arrays.equals(p.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * opcode + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 32));
    return String.format(
        "KadPacket[opcode=0x%02X, %d bytes: %s%s]",
        opcode, payload.length, hex, payload.length > 32 ? "…" : "");
  }
}
