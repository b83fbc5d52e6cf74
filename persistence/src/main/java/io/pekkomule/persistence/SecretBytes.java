package io.pekkomule.persistence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Key material that is stored but never shown: {@link #toString()} prints only the length, so a
 * record holding it can be logged safely. Serialized as one CBOR byte string.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; an empty secret is refused. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SecretBytes of(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    return new SecretBytes(bytes.clone());
  }

  /** A copy of the secret; the caller owns it (and should not log it). */
  @JsonValue
  public byte[] reveal() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBytes s && MessageDigest.isEqual(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
