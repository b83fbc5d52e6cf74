package io.pekkomule.protocol.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, so that records holding raw bytes (blobs, hashes,
 * unknown payloads) keep a meaningful {@code equals}.
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Copies {@code data}. */
  public static Bytes of(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data.clone());
  }

  public static Bytes fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** Takes ownership of {@code data} without copying; for decoders that just allocated it. */
  static Bytes wrap(byte[] data) {
    return new Bytes(data);
  }

  public int length() {
    return data.length;
  }

  public byte get(int i) {
    return data[i];
  }

  public byte[] toArray() {
    return data.clone();
  }

  public void writeTo(WireWriter w) {
    w.bytes(data);
  }

  public String toHex() {
    return HexFormat.of().formatHex(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(data, b.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return data.length <= 32
        ? "Bytes[" + toHex() + "]"
        : "Bytes[" + data.length + " B: " + HexFormat.of().formatHex(data, 0, 32) + "…]";
  }
}
