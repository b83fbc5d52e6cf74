package io.pekkomule.protocol.endpoint;

import io.pekkomule.protocol.I2pDestination;
import java.util.Objects;
import java.util.Optional;

/** An iMule endpoint: the peer's UDP (datagram) destination; its "address" is the 4-byte hash. */
public record I2pEndpoint(I2pDestination destination) implements Endpoint {
  public I2pEndpoint {
    Objects.requireNonNull(destination, "destination");
  }

  @Override
  public AddressFamily family() {
    return AddressFamily.I2P;
  }

  @Override
  public AddressKey addressKey() {
    return new AddressKey(AddressFamily.I2P, Integer.toUnsignedLong(destination.ipHash()));
  }

  @Override
  public Optional<SubnetKey> subnetKey() {
    return Optional.empty();
  }

  @Override
  public int verifyKeyInput() {
    return destination.ipHash();
  }

  @Override
  public String toString() {
    return destination.toString();
  }
}
