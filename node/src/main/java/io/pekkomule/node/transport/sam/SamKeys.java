package io.pekkomule.node.transport.sam;

import io.pekkomule.protocol.I2pBase64;
import io.pekkomule.protocol.I2pDestination;

/**
 * Checks of SAM private destinations ("PRIV"): the 387-byte public destination, the 256-byte
 * ElGamal private key and the 20-byte DSA signing private key, 663 bytes in I2P base64. Only this
 * shape gives the DSA_SHA1 destination with a NULL certificate that iMule accepts.
 */
public final class SamKeys {
  /** Bytes of a DSA_SHA1 + ElGamal private destination with a NULL certificate. */
  public static final int PRIVATE_BYTES = I2pDestination.BYTES + 256 + 20;

  private SamKeys() {}

  /**
   * The public destination of {@code privateBase64}; throws {@link IllegalArgumentException} (whose
   * message never contains the key) when it is not a DSA_SHA1/NULL-certificate private destination.
   */
  public static I2pDestination publicOf(String privateBase64) {
    byte[] raw;
    try {
      raw = I2pBase64.decode(privateBase64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("private destination is not I2P base64");
    }
    if (raw.length != PRIVATE_BYTES) {
      throw new IllegalArgumentException(
          "private destination must be "
              + PRIVATE_BYTES
              + " bytes (DSA_SHA1, NULL certificate), got "
              + raw.length);
    }
    byte[] pub = new byte[I2pDestination.BYTES];
    System.arraycopy(raw, 0, pub, 0, pub.length);
    return I2pDestination.of(pub);
  }
}
