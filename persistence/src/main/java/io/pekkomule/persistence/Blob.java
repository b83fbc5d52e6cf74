package io.pekkomule.persistence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Opaque bytes with value equality (e.g. a tag list as encoded on the wire), so events that carry
 * them compare by content. Serialized as one CBOR byte string.
 */
public final class Blob {
  private final byte[] bytes;

  private Blob(byte[] bytes) {
    this.bytes = bytes;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Blob of(byte[] bytes) {
    return new Blob(bytes == null ? new byte[0] : bytes.clone());
  }

  @JsonValue
  public byte[] toBytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    int shown = Math.min(bytes.length, 16);
    return "Blob[" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes, 0, shown)
        + (shown < bytes.length ? "…" : "") + "]";
  }
}
