package io.pekkomule.persistence.identity;

import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Values proposed for a new identity. The entity adopts a candidate only when it holds no identity
 * yet (or on a confirmed rotation), so the random draw stays outside the event handlers.
 */
public record IdentityCandidate(
    KadId kadId, long udpVerifySecret, Instant at, IdentityOrigin origin) {

  public IdentityCandidate {
    Objects.requireNonNull(kadId, "kadId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(origin, "origin");
    if (kadId.isZero()) {
      throw new IllegalArgumentException("KadID must not be zero");
    }
    Identity.checkSecret(udpVerifySecret);
  }

  /** A random non-zero KadID and a random non-zero u32 secret (iMule's first start). */
  public static IdentityCandidate random(RandomGenerator rnd, Instant at, IdentityOrigin origin) {
    KadId id;
    do {
      id = KadId.random(rnd);
    } while (id.isZero());
    return new IdentityCandidate(id, randomSecret(rnd), at, origin);
  }

  /** Adopts an existing KadID (iMule's preferencesKad.dat) with a fresh secret. */
  public static IdentityCandidate adopting(KadId kadId, RandomGenerator rnd, Instant at) {
    return new IdentityCandidate(kadId, randomSecret(rnd), at, IdentityOrigin.IMPORTED_PREFERENCES_KAD);
  }

  private static long randomSecret(RandomGenerator rnd) {
    return 1 + rnd.nextLong(0xFFFF_FFFFL);
  }

  @Override
  public String toString() {
    return "IdentityCandidate[kadId=" + kadId.toHex() + ", at=" + at + ", origin=" + origin
        + ", udpVerifySecret=redacted]";
  }
}
