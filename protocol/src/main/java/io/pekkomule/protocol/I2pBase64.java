package io.pekkomule.protocol;

import java.util.Base64;

/**
 * I2P's base64: the standard alphabet with {@code +} → {@code -} and {@code /} → {@code ~}, padded.
 * Delegates to the JDK codec and only swaps the two characters.
 */
public final class I2pBase64 {
  private I2pBase64() {}

  public static String encode(byte[] data) {
    return Base64.getEncoder().encodeToString(data).replace('+', '-').replace('/', '~');
  }

  /** Decodes I2P base64; throws {@link IllegalArgumentException} on any character outside it. */
  public static byte[] decode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '/') {
        throw new IllegalArgumentException("not I2P base64: '" + c + "' at " + i);
      }
    }
    return Base64.getDecoder().decode(s.replace('-', '+').replace('~', '/'));
  }
}
