package io.pekkomule.protocol;

import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 128-bit KAD identifier (node id, keyword id, file id). Held as two longs in "MD4 order"
 * (bit 0 = most significant bit of MD4 byte 0, iMule's word 0 first). On the wire and in files
 * each of iMule's four 32-bit words is written little-endian (spec §3), so relative to the MD4
 * byte string every 4-byte group is reversed.
 */
public record KadId(long hi, long lo) implements Comparable<KadId> {

  public static final int BYTES = 16;
  public static final int BITS = 128;
  public static final KadId ZERO = new KadId(0, 0);

  /** From the natural 16-byte form (MD4 digest, file hash): big-endian. */
  public static KadId fromMd4Bytes(byte[] b) {
    if (b.length != BYTES) {
      throw new IllegalArgumentException("KadId needs 16 bytes, got " + b.length);
    }
    return new KadId(beLong(b, 0), beLong(b, 8));
  }

  /** From the 16 wire bytes (four little-endian words, word 0 first). */
  public static KadId fromWireBytes(byte[] b) {
    if (b.length != BYTES) {
      throw new IllegalArgumentException("KadId needs 16 bytes, got " + b.length);
    }
    return fromMd4Bytes(swapWords(b));
  }

  /** Parses 32 hex digits in MD4 order (the form iMule/aMule display and this project prints). */
  public static KadId fromHex(String hex) {
    if (hex.length() != 32) {
      throw new IllegalArgumentException("KadId hex needs 32 digits");
    }
    return fromMd4Bytes(HexFormat.of().parseHex(hex));
  }

  public static KadId read(WireReader r) throws DecodeException {
    long w0 = r.u32();
    long w1 = r.u32();
    long w2 = r.u32();
    long w3 = r.u32();
    return new KadId(w0 << 32 | w1, w2 << 32 | w3);
  }

  public void writeTo(WireWriter w) {
    w.u32(hi >>> 32).u32(hi & 0xFFFFFFFFL).u32(lo >>> 32).u32(lo & 0xFFFFFFFFL);
  }

  public byte[] toWireBytes() {
    return swapWords(toMd4Bytes());
  }

  public byte[] toMd4Bytes() {
    byte[] b = new byte[BYTES];
    putBe(b, 0, hi);
    putBe(b, 8, lo);
    return b;
  }

  public static KadId random(RandomGenerator rnd) {
    return new KadId(rnd.nextLong(), rnd.nextLong());
  }

  public boolean isZero() {
    return hi == 0 && lo == 0;
  }

  public KadId xor(KadId o) {
    return new KadId(hi ^ o.hi, lo ^ o.lo);
  }

  /** Bit {@code i}, where bit 0 is the most significant bit (iMule's {@code GetBitNumber}). */
  public int bit(int i) {
    if (i < 0 || i >= BITS) {
      throw new IndexOutOfBoundsException(i);
    }
    return i < 64 ? (int) (hi >>> (63 - i)) & 1 : (int) (lo >>> (127 - i)) & 1;
  }

  /** Number of leading zero bits; 128 for {@link #ZERO}. Of a distance, the classic bucket index. */
  public int leadingZeros() {
    return hi != 0 ? Long.numberOfLeadingZeros(hi) : 64 + Long.numberOfLeadingZeros(lo);
  }

  /**
   * The first {@code level} bits as an integer (0 ≤ level ≤ 63). Applied to (own XOR contact) it
   * is the {@code zoneIndex} of iMule's routing tree at that level (spec §3 "Bucket index").
   */
  public long prefix(int level) {
    if (level < 0 || level > 63) {
      throw new IllegalArgumentException("level " + level);
    }
    return level == 0 ? 0 : hi >>> (64 - level);
  }

  /**
   * A random id whose distance to {@code own} has {@code zoneIndex} as its first {@code level} bits:
   * the target of a random lookup inside zone (level, zoneIndex) (iMule's {@code RandomLookup}).
   */
  public static KadId randomInZone(KadId own, int level, long zoneIndex, RandomGenerator rnd) {
    if (level < 0 || level > 63) {
      throw new IllegalArgumentException("level " + level);
    }
    if (level < 63 && (zoneIndex >>> level) != 0) {
      throw new IllegalArgumentException("zoneIndex does not fit in " + level + " bits");
    }
    long dhi = rnd.nextLong();
    long dlo = rnd.nextLong();
    if (level > 0) {
      long mask = -1L >>> level;
      dhi = (zoneIndex << (64 - level)) | (dhi & mask);
    }
    return own.xor(new KadId(dhi, dlo));
  }

  /** Unsigned numeric order (word 0 first), which is iMule's {@code CompareTo}. */
  @Override
  public int compareTo(KadId o) {
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  /** Upper-case hex in MD4 order. */
  public String toHex() {
    return HexFormat.of().withUpperCase().formatHex(toMd4Bytes());
  }

  @Override
  public String toString() {
    return toHex();
  }

  private static byte[] swapWords(byte[] b) {
    byte[] out = new byte[BYTES];
    for (int w = 0; w < 4; w++) {
      for (int i = 0; i < 4; i++) {
        out[w * 4 + i] = b[w * 4 + 3 - i];
      }
    }
    return out;
  }

  private static long beLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (b[off + i] & 0xFFL);
    }
    return v;
  }

  private static void putBe(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
