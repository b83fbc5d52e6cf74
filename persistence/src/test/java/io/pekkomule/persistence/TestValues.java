package io.pekkomule.persistence;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.util.Random;

/** Deterministic protocol values for tests. */
public final class TestValues {
  private TestValues() {}

  /** A valid 387-byte destination (NULL certificate) whose bytes derive from {@code seed}. */
  public static I2pDestination destination(int seed) {
    byte[] raw = new byte[I2pDestination.BYTES];
    new Random(seed).nextBytes(raw);
    raw[0] = (byte) (seed | 1); // keeps iMule's 4-byte hash non-zero
    raw[384] = 0;
    raw[385] = 0;
    raw[386] = 0;
    return I2pDestination.of(raw);
  }

  public static KadId kadId(int seed) {
    Random r = new Random(seed * 31L + 7);
    return new KadId(r.nextLong() | 1, r.nextLong());
  }

  /** Fake private-key bytes (a destination followed by "private" material). */
  public static SecretBytes privateKeys(int seed) {
    byte[] raw = new byte[I2pDestination.BYTES + 276];
    new Random(seed + 1000).nextBytes(raw);
    return SecretBytes.of(raw);
  }
}
