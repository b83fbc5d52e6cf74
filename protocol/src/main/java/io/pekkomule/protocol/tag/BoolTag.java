package io.pekkomule.protocol.tag;

/**
 * BOOL (0x05): one byte. iMule reads it but never writes it; the raw byte is kept so that re-encoding
 * is exact.
 */
public record BoolTag(int name, int raw) implements Tag {
  public BoolTag {
    Tag.checkName(name);
    if (raw < 0 || raw > 255) {
      throw new IllegalArgumentException("BOOL value must be one byte: " + raw);
    }
  }

  public static BoolTag of(int name, boolean value) {
    return new BoolTag(name, value ? 1 : 0);
  }

  public boolean value() {
    return raw != 0;
  }

  @Override
  public int wireType() {
    return TagType.BOOL;
  }
}
