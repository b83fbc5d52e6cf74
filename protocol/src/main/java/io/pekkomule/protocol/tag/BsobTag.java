package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.wire.Bytes;
import java.util.Objects;

/**
 * BSOB (0x0A): {@code u8 length} then the bytes. aMule reads and forwards it (eMule sends a large
 * FILESIZE as an 8-byte BSOB); iMule cannot read it at all, so only the kad4 codec writes it.
 */
public record BsobTag(int name, Bytes data) implements Tag {
  public static final int MAX_BYTES = 0xFF;

  public BsobTag {
    Tag.checkName(name);
    Objects.requireNonNull(data, "data");
    if (data.length() > MAX_BYTES) {
      throw new IllegalArgumentException("a BSOB holds at most 255 bytes, got " + data.length());
    }
  }

  @Override
  public int wireType() {
    return TagType.BSOB;
  }
}
