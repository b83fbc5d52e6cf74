package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.wire.Bytes;
import java.util.Objects;

/** BLOB (0x07): {@code u32 length} then the bytes. */
public record BlobTag(int name, Bytes data) implements Tag {
  public BlobTag {
    Tag.checkName(name);
    Objects.requireNonNull(data, "data");
  }

  @Override
  public int wireType() {
    return TagType.BLOB;
  }
}
