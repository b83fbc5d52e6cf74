package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.wire.Bytes;
import java.util.Objects;

/** HASH16 (0x01): 16 raw bytes, e.g. an MD4 hash in its natural byte order. */
public record HashTag(int name, Bytes hash) implements Tag {
  public HashTag {
    Tag.checkName(name);
    Objects.requireNonNull(hash, "hash");
    if (hash.length() != 16) {
      throw new IllegalArgumentException("HASH16 needs 16 bytes, got " + hash.length());
    }
  }

  @Override
  public int wireType() {
    return TagType.HASH16;
  }
}
