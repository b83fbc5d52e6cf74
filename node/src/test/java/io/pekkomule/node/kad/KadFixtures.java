package io.pekkomule.node.kad;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;

/** Tiny key spaces and a hand-driven clock for routing and lookup scenarios. */
public final class KadFixtures {
  private KadFixtures() {}

  /** An arbitrary non-zero start so that 0 can keep meaning "unset". */
  public static final long T0 = 1_700_000_000_000L;

  /** An id whose first byte is {@code top} and whose other bits are 0. */
  public static KadId id(int top) {
    return id(top, 0);
  }

  /** An id with first byte {@code top}; {@code low} fills the low word (to share a zone). */
  public static KadId id(int top, long low) {
    return new KadId((long) (top & 0xFF) << 56, low);
  }

  /** A destination whose iMule hash is {@code hash}; {@code variant} changes other bytes only. */
  public static I2pDestination dest(int hash, int variant) {
    byte[] b = new byte[I2pDestination.BYTES];
    Arrays.fill(b, 0, 384, (byte) 0x5A);
    b[0] = (byte) hash;
    b[1] = (byte) (hash >>> 8);
    b[2] = (byte) (hash >>> 16);
    b[3] = (byte) (hash >>> 24);
    b[4] = (byte) variant;
    b[5] = (byte) (variant >>> 8);
    return I2pDestination.of(b);
  }

  public static I2pDestination dest(int hash) {
    return dest(hash, 0);
  }

  /** {@link #dest(int, int)} as the endpoint routing and lookups see. */
  public static I2pEndpoint ep(int hash, int variant) {
    return new I2pEndpoint(dest(hash, variant));
  }

  public static I2pEndpoint ep(int hash) {
    return ep(hash, 0);
  }

  /** A destination hash derived from an id built by {@link #id(int, long)}. */
  public static int hashOf(KadId id) {
    return (int) ((id.hi() >>> 56) << 16 | (id.lo() & 0xFFFF)) + 1;
  }

  /** A version-8 contact with its own destination. */
  public static KadContact contact(int top) {
    return contact(top, 0, 8);
  }

  public static KadContact contact(int top, long low, int version) {
    KadId id = id(top, low);
    return new KadContact(version, id, ep(hashOf(id)));
  }

  /** {@link #contact(int, long, int)} in iMule's wire form. */
  public static Kad2Contact wireContact(int top, long low, int version) {
    return contact(top, low, version).toKad2Contact();
  }

  /** A clock the test moves by hand. */
  public static final class FakeClock implements InstantSource {
    private long millis;

    public FakeClock(long startMillis) {
      this.millis = startMillis;
    }

    public FakeClock() {
      this(T0);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }

    public void set(long millis) {
      this.millis = millis;
    }

    /** Sets the clock to {@link #T0} plus {@code d}. */
    public void at(Duration d) {
      this.millis = T0 + d.toMillis();
    }

    public void advance(Duration d) {
      this.millis += d.toMillis();
    }
  }
}
