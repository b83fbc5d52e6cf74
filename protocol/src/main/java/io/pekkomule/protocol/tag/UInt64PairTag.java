package io.pekkomule.protocol.tag;

/**
 * UINT64UINT64 (0x28, iMule only). On the wire the header is followed by two complete nested
 * integer tags (each with its own type byte, name byte and — in the serial dialect — serial),
 * written with the same name and the smallest integer type, as iMule's {@code CTag::WriteTo} does.
 * iMule's reader ignores the nested names and requires both nested tags to be integers.
 *
 * @param first unsigned 64-bit
 * @param last unsigned 64-bit
 */
public record UInt64PairTag(int name, long first, long last) implements Tag {
  public UInt64PairTag {
    Tag.checkName(name);
  }

  @Override
  public int wireType() {
    return TagType.UINT64UINT64;
  }
}
