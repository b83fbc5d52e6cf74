package io.pekkomule.protocol;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds expected byte vectors by hand: hex pieces (spaces ignored) and raw arrays, concatenated. */
public final class TestBytes {
  private TestBytes() {}

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  /** Concatenates {@code byte[]} and hex {@code String} pieces. */
  public static byte[] cat(Object... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : pieces) {
      out.writeBytes(p instanceof String s ? hex(s) : (byte[]) p);
    }
    return out.toByteArray();
  }

  /** A destination whose 384 key bytes are {@code seed, seed+1, …} and whose certificate is NULL. */
  public static byte[] destBytes(int seed) {
    byte[] d = new byte[387];
    for (int i = 0; i < 384; i++) {
      d[i] = (byte) (seed + i);
    }
    return d;
  }

  public static I2pDestination dest(int seed) {
    return I2pDestination.of(destBytes(seed));
  }

  public static byte[] repeat(int b, int n) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) b);
    return out;
  }
}
