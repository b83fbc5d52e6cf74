package io.pekkomule.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KadIdTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void wireOrderReversesEachFourByteWord() throws Exception {
    byte[] md4 = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    KadId id = KadId.fromMd4Bytes(md4);
    assertArrayEquals(HEX.parseHex("03020100070605040b0a09080f0e0d0c"), id.toWireBytes());
    WireWriter w = new WireWriter();
    id.writeTo(w);
    assertArrayEquals(id.toWireBytes(), w.toByteArray());
    assertEquals(id, KadId.read(new WireReader(w.toByteArray())));
    assertEquals(id, KadId.fromWireBytes(id.toWireBytes()));
    assertEquals("000102030405060708090A0B0C0D0E0F", id.toHex());
  }

  @Test
  void bitZeroIsMostSignificantBitOfMd4ByteZero() {
    KadId id = KadId.fromHex("80000000000000000000000000000001");
    assertEquals(1, id.bit(0));
    assertEquals(0, id.bit(1));
    assertEquals(1, id.bit(127));
    assertEquals(0, id.leadingZeros());
    assertEquals(127, KadId.fromHex("00000000000000000000000000000001").leadingZeros());
    assertEquals(128, KadId.ZERO.leadingZeros());
  }

  @Test
  void distanceOrderIsUnsignedNumericOrder() {
    KadId small = KadId.fromHex("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
    KadId big = KadId.fromHex("80000000000000000000000000000000");
    assertTrue(small.compareTo(big) < 0);
    assertEquals(KadId.ZERO, big.xor(big));
  }

  @Test
  void randomInZoneHasTheZoneAsDistancePrefix() {
    SplittableRandom rnd = new SplittableRandom(7);
    KadId own = KadId.random(rnd);
    for (int level = 0; level <= 20; level++) {
      for (long zone = 0; zone < Math.min(1L << level, 8); zone++) {
        KadId target = KadId.randomInZone(own, level, zone, rnd);
        assertEquals(zone, own.xor(target).prefix(level), "level " + level);
      }
    }
  }
}
