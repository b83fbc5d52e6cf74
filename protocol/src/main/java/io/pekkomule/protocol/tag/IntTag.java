package io.pekkomule.protocol.tag;

/**
 * An unsigned integer of up to 64 bits, written with the smallest of UINT8 (0x09), UINT16 (0x08),
 * UINT32 (0x03) and iMule's UINT64 (0x29) that fits, exactly as iMule's {@code CTag::WriteTo}.
 *
 * @param value the value as an unsigned 64-bit number (use {@link Long#toUnsignedString})
 */
public record IntTag(int name, long value) implements Tag {
  public IntTag {
    Tag.checkName(name);
  }

  @Override
  public int wireType() {
    if (Long.compareUnsigned(value, 0xFFL) <= 0) {
      return TagType.UINT8;
    } else if (Long.compareUnsigned(value, 0xFFFFL) <= 0) {
      return TagType.UINT16;
    } else if (Long.compareUnsigned(value, 0xFFFFFFFFL) <= 0) {
      return TagType.UINT32;
    }
    return TagType.UINT64;
  }
}
