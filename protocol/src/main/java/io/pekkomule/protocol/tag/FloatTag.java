package io.pekkomule.protocol.tag;

/**
 * FLOAT32 (0x04): 4 bytes, little-endian IEEE 754. Held as raw bits so that equality and
 * re-encoding are exact (NaN payloads included).
 */
public record FloatTag(int name, int bits) implements Tag {
  public FloatTag {
    Tag.checkName(name);
  }

  public static FloatTag of(int name, float value) {
    return new FloatTag(name, Float.floatToRawIntBits(value));
  }

  public float value() {
    return Float.intBitsToFloat(bits);
  }

  @Override
  public int wireType() {
    return TagType.FLOAT32;
  }
}
