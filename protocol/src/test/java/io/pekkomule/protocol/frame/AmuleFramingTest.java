package io.pekkomule.protocol.frame;

import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** kad4 frames: iMule's packing rules with header bytes 0xE4/0xE5 and aMule's ed2k bytes. */
class AmuleFramingTest {
  static final Overlay K4 = Overlay.AMULE_KAD4;

  @Test
  void headerBytesAreAmules() throws Exception {
    assertArrayEquals(hex("e460"), Framing.encode(new KadPacket(0x60, new byte[0]), K4));
    assertEquals(new KadPacket(0x61, hex("4012")), Framing.decode(hex("e461 4012"), K4));
    byte[] text = "kad4 ".repeat(41).getBytes(StandardCharsets.US_ASCII); // 205 bytes, compressible
    byte[] packed = Framing.encode(new KadPacket(0x3B, text), K4);
    assertEquals(0xE5, packed[0] & 0xFF);
    assertArrayEquals(text, Framing.decode(packed, K4).payload());
    assertEquals(0xE4, Framing.encode(new KadPacket(0x3B, new byte[200]), K4)[0] & 0xFF);
  }

  @Test
  void otherHeadersAreRejectedByReason() {
    for (String ed2k : new String[] {"c5", "d4", "e3"}) {
      assertEquals(Reason.ED2K_UDP,
          assertThrows(DecodeException.class, () -> Framing.decode(hex(ed2k + "01"), K4)).reason());
    }
    // iMule's headers are not kad4 frames, and the other way round.
    assertEquals(Reason.BAD_HEADER,
        assertThrows(DecodeException.class, () -> Framing.decode(hex("0560"), K4)).reason());
    assertEquals(Reason.BAD_HEADER,
        assertThrows(DecodeException.class, () -> Framing.decode(hex("e460"))).reason());
  }

  @Test
  void framesStayWithinTheKad4DatagramBound() throws Exception {
    assertEquals(4984, Framing.maxFrame(K4));
    assertEquals(Framing.MAX_FRAME, Framing.maxFrame(Overlay.IMULE_I2P));
    byte[] random = new byte[Framing.maxPayload(K4) + 1];
    new SplittableRandom(7).nextBytes(random);
    assertThrows(IllegalArgumentException.class, () -> Framing.encode(new KadPacket(0x3B, random), K4));
    byte[] fits = new byte[Framing.maxPayload(K4)];
    new SplittableRandom(7).nextBytes(fits);
    assertEquals(Framing.maxFrame(K4), Framing.encode(new KadPacket(0x3B, fits), K4).length);
    // A compressible payload larger than a datagram still goes out packed …
    byte[] nibbles = new byte[6_000];
    new SplittableRandom(8).nextBytes(nibbles);
    for (int i = 0; i < nibbles.length; i++) {
      nibbles[i] &= 0x0F;
    }
    byte[] packed = Framing.encode(new KadPacket(0x3B, nibbles), K4);
    assertEquals(0xE5, packed[0] & 0xFF);
    assertEquals(nibbles.length, Framing.decode(packed, K4).payloadLength());
    // … but never beyond what the receiver's packetLen*10+300 buffer inflates.
    assertThrows(IllegalArgumentException.class, () -> Framing.encode(new KadPacket(0x3B, new byte[20_000]), K4));
  }
}
