package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.wire.Bytes;
import java.util.Objects;

/**
 * BOOLARRAY (0x06): {@code u16 bitCount} then ⌈bitCount/8⌉ bytes. iMule skips it on read and never
 * writes it; it is kept here only so that a list holding one decodes.
 */
public record BoolArrayTag(int name, int bitCount, Bytes bits) implements Tag {
  public BoolArrayTag {
    Tag.checkName(name);
    Objects.requireNonNull(bits, "bits");
    if (bitCount < 0 || bitCount > 0xFFFF) {
      throw new IllegalArgumentException("bit count must fit in u16: " + bitCount);
    }
    if (bits.length() != byteCount(bitCount)) {
      throw new IllegalArgumentException("BOOLARRAY of " + bitCount + " bits needs " + byteCount(bitCount) + " bytes");
    }
  }

  static int byteCount(int bitCount) {
    return (bitCount + 7) / 8;
  }

  @Override
  public int wireType() {
    return TagType.BOOLARRAY;
  }
}
