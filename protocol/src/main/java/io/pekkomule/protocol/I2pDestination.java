package io.pekkomule.protocol;

import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * An I2P destination as iMule accepts it: exactly 387 bytes (256 ElGamal public key, 128 DSA
 * signing key, 3-byte NULL certificate), 516 characters of I2P base64 (spec §2).
 */
public final class I2pDestination {
  public static final int BYTES = 387;
  public static final int BASE64_LENGTH = 516;

  private final byte[] raw;
  private final int ipHash;
  /** {@code Arrays.hashCode(raw)}, computed once (0: not yet); destinations key many maps. */
  private int hash;

  private I2pDestination(byte[] raw) {
    this.raw = raw;
    this.ipHash =
        (raw[0] & 0xFF) | (raw[1] & 0xFF) << 8 | (raw[2] & 0xFF) << 16 | (raw[3] & 0xFF) << 24;
  }

  /** Validates length and the NULL certificate; copies the input. */
  public static I2pDestination of(byte[] raw) {
    if (raw.length != BYTES) {
      throw new IllegalArgumentException("destination must be 387 bytes, got " + raw.length);
    }
    if (raw[384] != 0 || raw[385] != 0 || raw[386] != 0) {
      throw new IllegalArgumentException("destination certificate is not NULL");
    }
    return new I2pDestination(raw.clone());
  }

  public static I2pDestination read(WireReader r) throws DecodeException {
    int at = r.position();
    byte[] b = r.bytes(BYTES);
    if (b[384] != 0 || b[385] != 0 || b[386] != 0) {
      throw new DecodeException(DecodeException.Reason.BAD_VALUE, at, "non-NULL certificate");
    }
    return new I2pDestination(b);
  }

  public void writeTo(WireWriter w) {
    w.bytes(raw);
  }

  /** Parses 516 characters of I2P base64. */
  public static I2pDestination fromBase64(String b64) {
    if (b64.length() != BASE64_LENGTH) {
      throw new IllegalArgumentException(
          "destination base64 must be 516 characters, got " + b64.length());
    }
    return of(I2pBase64.decode(b64));
  }

  public String toBase64() {
    return I2pBase64.encode(raw);
  }

  /** The {@code <52 chars>.b32.i2p} address: base32 (RFC 4648, lower case, unpadded) of SHA-256. */
  public String toB32() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(raw);
      return base32(h) + ".b32.i2p";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * iMule's 4-byte "IP" of a destination: the first 4 bytes read as a little-endian uint32. Used
   * for verify keys, flood tracking and the one-contact-per-"IP" rule.
   */
  public int ipHash() {
    return ipHash;
  }

  /** iMule's {@code isValid()}: the hash must be non-zero. */
  public boolean isValidForImule() {
    return ipHash != 0;
  }

  public byte[] toBytes() {
    return raw.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof I2pDestination d && ipHash == d.ipHash && hashCode() == d.hashCode()
        && Arrays.equals(raw, d.raw);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(raw);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return toB32();
  }

  private static final char[] B32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  static String base32(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = buffer << 8 | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(B32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(B32[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
