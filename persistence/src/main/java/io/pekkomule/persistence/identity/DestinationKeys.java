package io.pekkomule.persistence.identity;

import io.pekkomule.persistence.SecretBytes;
import io.pekkomule.protocol.I2pDestination;
import java.util.Objects;

/**
 * Our I2P destination: the public part (which peers see, and whose {@code .b32.i2p} the operator
 * may see) and the private keys as the transport handed them over (opaque; e.g. SAM's {@code
 * PRIV}). {@link #toString()} never shows the private keys.
 */
public record DestinationKeys(I2pDestination destination, SecretBytes privateKeys) {
  public DestinationKeys {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(privateKeys, "privateKeys");
  }

  @Override
  public String toString() {
    return "DestinationKeys[b32=" + destination.toB32() + ", privateKeys=redacted]";
  }
}
