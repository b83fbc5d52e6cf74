package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.I2pDestination;
import java.util.Objects;

/** ADDRESS (0x27, iMule only): a raw 387-byte destination with a NULL certificate. */
public record AddressTag(int name, I2pDestination dest) implements Tag {
  public AddressTag {
    Tag.checkName(name);
    Objects.requireNonNull(dest, "dest");
  }

  @Override
  public int wireType() {
    return TagType.ADDRESS;
  }
}
