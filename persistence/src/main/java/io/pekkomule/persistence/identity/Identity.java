package io.pekkomule.persistence.identity;

import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's identity as the node uses it: KadID, the u32 UDP verify-key secret (spec §4.3), our
 * I2P destination keys once the transport created them, and bookkeeping. {@link #toString()}
 * shows neither the secret nor the keys.
 *
 * @param generation 1 for the first identity, +1 per confirmed rotation
 */
public record Identity(
    KadId kadId,
    long udpVerifySecret,
    Instant createdAt,
    IdentityOrigin origin,
    Optional<DestinationKeys> destinationKeys,
    int generation) {

  public Identity {
    Objects.requireNonNull(kadId, "kadId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(destinationKeys, "destinationKeys");
    if (kadId.isZero()) {
      throw new IllegalArgumentException("KadID must not be zero");
    }
    checkSecret(udpVerifySecret);
  }

  /** iMule keeps the secret as a random uint32; zero is refused so "unset" stays distinguishable. */
  static void checkSecret(long secret) {
    if (secret <= 0 || secret > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("UDP verify-key secret must be a non-zero u32");
    }
  }

  /** {@code <52 chars>.b32.i2p}, or empty while the transport has not created a destination. */
  public Optional<String> b32() {
    return destinationKeys.map(k -> k.destination().toB32());
  }

  Identity withDestinationKeys(DestinationKeys keys) {
    return new Identity(kadId, udpVerifySecret, createdAt, origin, Optional.of(keys), generation);
  }

  @Override
  public String toString() {
    return "Identity[kadId=" + kadId.toHex() + ", b32=" + b32().orElse("none") + ", generation="
        + generation + ", origin=" + origin + ", createdAt=" + createdAt
        + ", udpVerifySecret=redacted]";
  }
}
