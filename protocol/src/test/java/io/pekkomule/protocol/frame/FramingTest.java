package io.pekkomule.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FramingTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void smallPayloadIsPlainHeaderOpcodePayload() throws Exception {
    byte[] frame = Framing.encode(new KadPacket(0x60, HEX.parseHex("0102")));
    assertArrayEquals(HEX.parseHex("05600102"), frame);
    assertEquals(new KadPacket(0x60, HEX.parseHex("0102")), Framing.decode(frame));
    assertArrayEquals(HEX.parseHex("0560"), Framing.encode(new KadPacket(0x60, new byte[0])));
  }

  @Test
  void compressiblePayloadOver200BytesIsPackedAndSmaller() throws Exception {
    byte[] payload = text(1000);
    byte[] frame = Framing.encode(new KadPacket(0x3B, payload));
    assertEquals(0x06, frame[0]);
    assertEquals(0x3B, frame[1]);
    assertTrue(frame.length < 2 + payload.length, "packed frame must be smaller");
    // compress2(level 9) output: zlib header 78 DA, and a plain zlib inflater reads it back.
    assertEquals(0x78, frame[2] & 0xFF);
    assertEquals(0xDA, frame[3] & 0xFF);
    assertArrayEquals(payload, plainInflate(Arrays.copyOfRange(frame, 2, frame.length)));
    assertArrayEquals(payload, Framing.decode(frame).payload());
  }

  @Test
  void payloadOfExactly200BytesIsNeverPacked() throws Exception {
    assertEquals(0x05, Framing.encode(new KadPacket(1, text(200)))[0]);
    assertEquals(0x06, Framing.encode(new KadPacket(1, text(201)))[0]);
  }

  @Test
  void incompressiblePayloadStaysPlain() throws Exception {
    byte[] payload = random(5000, 1);
    byte[] frame = Framing.encode(new KadPacket(0x29, payload));
    assertEquals(0x05, frame[0]);
    assertEquals(2 + payload.length, frame.length);
    assertArrayEquals(payload, Framing.decode(frame).payload());
  }

  @Test
  void neverPacksBeyondWhatAnImuleReceiverInflates() throws Exception {
    // 5000 zero bytes deflate ~250:1, beyond iMule's packetLen*10+300 buffer: must go out plain.
    byte[] frame = Framing.encode(new KadPacket(0x3B, new byte[5000]));
    assertEquals(0x05, frame[0]);
    assertEquals(5002, frame.length);
  }

  @Test
  void inflateBoundIsImulesPacketLenTimes10Plus300() throws Exception {
    boolean sawAccepted = false;
    boolean sawRejected = false;
    for (int n = 250; n <= 1500; n += 7) {
      byte[] packed = deflate(new byte[n], 9);
      byte[] frame = concat(new byte[] {0x06, 0x11}, packed);
      int bound = frame.length * 10 + 300 - 2;
      if (n <= bound) {
        assertEquals(n, Framing.decode(frame).payloadLength());
        sawAccepted = true;
      } else {
        DecodeException e = assertThrows(DecodeException.class, () -> Framing.decode(frame));
        assertEquals(Reason.OVER_LIMIT, e.reason());
        sawRejected = true;
      }
    }
    assertTrue(sawAccepted && sawRejected, "both sides of the bound must be exercised");
  }

  @Test
  void zipBombIsRefusedWhileInflating() throws Exception {
    byte[] packed = deflate(new byte[1 << 20], 9);
    assertTrue(packed.length < 2000, "1 MB of zeros deflates to ~1 KB");
    byte[] frame = concat(new byte[] {0x06, 0x3B}, packed);
    DecodeException e = assertThrows(DecodeException.class, () -> Framing.decode(frame));
    assertEquals(Reason.OVER_LIMIT, e.reason());
    // It stopped after ~10 KB of output, i.e. after a few dozen input bytes, not at the end.
    assertTrue(e.offset() < 200, "offset " + e.offset());
  }

  @Test
  void inflatedPayloadIsCappedAtTheMaxKadPayload() throws Exception {
    byte[] payload = random(Framing.MAX_KAD_PAYLOAD + 1, 3);
    Arrays.fill(payload, 0, 9000, (byte) 'x'); // compressible enough for a small packet
    byte[] frame = concat(new byte[] {0x06, 0x3B}, deflate(payload, 9));
    assertTrue(frame.length * 10 + 298 > Framing.MAX_KAD_PAYLOAD, "iMule's bound alone allows it");
    DecodeException e = assertThrows(DecodeException.class, () -> Framing.decode(frame));
    assertEquals(Reason.OVER_LIMIT, e.reason());
  }

  @Test
  void garbageAfterPackedHeaderIsATypedError() {
    byte[] frame = concat(new byte[] {0x06, 0x3B}, random(300, 5));
    DecodeException e = assertThrows(DecodeException.class, () -> Framing.decode(frame));
    assertEquals(Reason.INFLATE_FAILED, e.reason());
  }

  @Test
  void truncatedZlibStreamIsATypedError() {
    byte[] packed = deflate(fourLetters(2000, 4), 9);
    byte[] frame = concat(new byte[] {0x06, 0x3B}, Arrays.copyOf(packed, packed.length - 10));
    DecodeException e = assertThrows(DecodeException.class, () -> Framing.decode(frame));
    assertEquals(Reason.INFLATE_FAILED, e.reason());
    DecodeException empty =
        assertThrows(DecodeException.class, () -> Framing.decode(new byte[] {0x06, 0x3B}));
    assertEquals(Reason.INFLATE_FAILED, empty.reason());
  }

  @Test
  void bytesAfterTheZlibStreamAreIgnoredAsUncompressDoes() throws Exception {
    byte[] payload = text(400);
    byte[] frame = concat(concat(new byte[] {0x06, 0x3B}, deflate(payload, 9)), new byte[] {1, 2});
    assertArrayEquals(payload, Framing.decode(frame).payload());
  }

  @Test
  void ed2kDatagramIsRecognisedAndOtherProtocolBytesRejected() {
    DecodeException ed2k =
        assertThrows(DecodeException.class, () -> Framing.decode(HEX.parseHex("0490aabb")));
    assertEquals(Reason.ED2K_UDP, ed2k.reason());
    for (int b : new int[] {0x00, 0x03, 0x07, 0xA3, 0xB2, 0xE4, 0xE5, 0xFF}) {
      DecodeException e =
          assertThrows(DecodeException.class, () -> Framing.decode(new byte[] {(byte) b, 1, 2}));
      assertEquals(Reason.BAD_HEADER, e.reason(), "protocol byte " + b);
    }
    DecodeException shortFrame =
        assertThrows(DecodeException.class, () -> Framing.decode(new byte[] {0x05}));
    assertEquals(Reason.TRUNCATED, shortFrame.reason());
  }

  @Test
  void framesAreLimitedSoThatTheObfuscatedDatagramFits() throws Exception {
    assertEquals(10_224, Framing.MAX_FRAME);
    byte[] largest = Framing.encode(new KadPacket(0x3B, random(Framing.MAX_PAYLOAD, 7)));
    assertEquals(Framing.MAX_FRAME, largest.length);
    assertThrows(
        IllegalArgumentException.class,
        () -> Framing.encode(new KadPacket(0x3B, random(Framing.MAX_PAYLOAD + 1, 7))));
    // A compressible payload up to iMule's 10,238 bytes fits once packed.
    byte[] payload = fourLetters(Framing.MAX_KAD_PAYLOAD, 8);
    byte[] packed = Framing.encode(new KadPacket(0x3B, payload));
    assertEquals(0x06, packed[0]);
    assertArrayEquals(payload, Framing.decode(packed).payload());
    assertThrows(
        IllegalArgumentException.class,
        () -> Framing.encode(new KadPacket(0x3B, fourLetters(Framing.MAX_KAD_PAYLOAD + 1, 8))));
  }

  @Test
  void opcodeMustFitInOneByte() {
    assertThrows(IllegalArgumentException.class, () -> new KadPacket(256, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new KadPacket(-1, new byte[0]));
  }

  @Property(tries = 300)
  void encodeThenDecodeIsIdentity(
      @ForAll @IntRange(min = 0, max = 255) int opcode, @ForAll("payloads") byte[] payload)
      throws Exception {
    KadPacket packet = new KadPacket(opcode, payload);
    byte[] frame = Framing.encode(packet);
    assertTrue(frame.length <= Framing.MAX_FRAME);
    assertTrue(frame[0] == 0x05 || frame[0] == 0x06);
    assertEquals(packet, Framing.decode(frame));
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> randomBytes =
        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(Framing.MAX_PAYLOAD);
    Arbitrary<byte[]> lowEntropy =
        Arbitraries.bytes()
            .between((byte) 'a', (byte) 'd')
            .array(byte[].class)
            .ofMinSize(0)
            .ofMaxSize(Framing.MAX_PAYLOAD);
    return Arbitraries.oneOf(randomBytes, lowEntropy);
  }

  static byte[] text(int n) {
    byte[] base =
        "KADEMLIA2_SEARCH_RES ubuntu-22.04-desktop-amd64.iso 4 GiB "
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = base[i % base.length];
    }
    return out;
  }

  /** Random letters a-d: compresses to roughly a quarter, never beyond the 10:1 bound. */
  static byte[] fourLetters(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + rnd.nextInt(4));
    }
    return b;
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  static byte[] deflate(byte[] in, int level) {
    Deflater d = new Deflater(level);
    d.setInput(in);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  static byte[] plainInflate(byte[] in) throws Exception {
    Inflater inf = new Inflater();
    inf.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!inf.finished()) {
      out.write(buf, 0, inf.inflate(buf));
    }
    inf.end();
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
