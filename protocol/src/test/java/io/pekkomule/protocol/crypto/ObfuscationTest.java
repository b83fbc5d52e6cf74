package io.pekkomule.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.crypto.Obfuscation.Deobfuscated;
import io.pekkomule.protocol.crypto.Obfuscation.Mode;
import io.pekkomule.protocol.frame.Framing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ObfuscationTest {
  private static final HexFormat HEX = HexFormat.of();

  /** HELLO_REQ-shaped frame used by the golden vectors: 05 11 then bytes 00..27. */
  private static final byte[] GOLDEN_FRAME = goldenFrame();

  private static final KadId GOLDEN_RECEIVER = KadId.fromHex("00112233445566778899AABBCCDDEEFF");

  /**
   * Golden vectors produced once by protocol/src/test/python/frame_vectors.py: python hashlib.md5
   * plus a textbook RC4 written in that script, layout marker · rkp LE · RC4(magic LE, padLen 0,
   * receiverKey LE, senderKey LE, frame).
   */
  private static final byte[] GOLDEN_NODE_ID =
      HEX.parseHex(
          "10efbe7447b5711fd8339c0cd207941dc3ad2baef940a0890ee9d78fb566bb4aea41d58ef3d2"
              + "8b5c191f32756928fe6193cd6d0608fbfb5b2cf4");

  /** Receiver-key mode with receiverKey 0x6515474D = verify key of (ipHash 0x12345678, secret 0x9ABCDEF0). */
  private static final byte[] GOLDEN_RECEIVER_KEY =
      HEX.parseHex(
          "7a34129bd675e5fa17ea0a64ca41b33841f651c98871b7d54b688157e94e555eaf6c14c65fac"
              + "fdaba0a226089a279e81f0626c42b9cf23c2a094");

  @Test
  void goldenNodeIdVector() {
    byte[] out =
        Obfuscation.encrypt(
            GOLDEN_FRAME,
            Obfuscation.nodeIdKey(GOLDEN_RECEIVER, 0xBEEF),
            0x10,
            0xBEEF,
            0,
            0x01020304L);
    assertArrayEquals(GOLDEN_NODE_ID, out);

    Deobfuscated d = Obfuscation.decrypt(GOLDEN_NODE_ID, GOLDEN_RECEIVER, 42, 7);
    assertEquals(Mode.NODE_ID, d.mode());
    assertArrayEquals(GOLDEN_FRAME, d.packet());
    assertEquals(0, d.receiverVerifyKey());
    assertEquals(0x01020304L, d.senderVerifyKey());
    assertFalse(d.validReceiverKey());
  }

  @Test
  void goldenReceiverKeyVector() {
    byte[] out =
        Obfuscation.encrypt(
            GOLDEN_FRAME,
            Obfuscation.receiverKey(0x6515474DL, 0x1234),
            0x7A,
            0x1234,
            0x6515474DL,
            0x0A0B0C0DL);
    assertArrayEquals(GOLDEN_RECEIVER_KEY, out);

    // We are the node with secret 0x9ABCDEF0; the sender's ipHash is 0x12345678.
    Deobfuscated d =
        Obfuscation.decrypt(GOLDEN_RECEIVER_KEY, KadId.fromHex("0F" + "0".repeat(30)), 0x9ABCDEF0, 0x12345678);
    assertEquals(Mode.RECEIVER_KEY, d.mode());
    assertArrayEquals(GOLDEN_FRAME, d.packet());
    assertEquals(0x6515474DL, d.receiverVerifyKey());
    assertEquals(0x0A0B0C0DL, d.senderVerifyKey());
    assertTrue(d.validReceiverKey());
  }

  @Property(tries = 200)
  void publicEncryptMatchesTheTestSideOracle(
      @ForAll("frames") byte[] frame,
      @ForAll("ids") KadId receiver,
      @ForAll("u32") long receiverKey,
      @ForAll("u32") long senderKey,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] nodeId = Obfuscation.encryptNodeId(frame, receiver, receiverKey, senderKey, rnd);
    assertArrayEquals(
        oracle(frame, receiver.toWireBytes(), nodeId[0], rkp(nodeId), receiverKey, senderKey, 0),
        nodeId);
    if (receiverKey != 0) {
      byte[] rk = Obfuscation.encryptReceiverKey(frame, receiverKey, senderKey, rnd);
      assertArrayEquals(
          oracle(frame, le32(receiverKey), rk[0], rkp(rk), receiverKey, senderKey, 0), rk);
    }
  }

  @Property(tries = 300)
  void requestAndResponseRoundTripBetweenTwoNodes(
      @ForAll("frames") byte[] request,
      @ForAll("frames") byte[] response,
      @ForAll("ids") KadId idA,
      @ForAll("ids") KadId idB,
      @ForAll int secretA,
      @ForAll int secretB,
      @ForAll int ipHashA,
      @ForAll int ipHashB,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    KadObfuscator a = new KadObfuscator(idA, secretA, rnd);
    KadObfuscator b = new KadObfuscator(idB, secretB, rnd);

    // A requests in NodeID mode (knows B's id, no key from B yet).
    byte[] dgram = a.seal(request, idB, 0, ipHashB);
    assertEquals(request.length + Obfuscation.OVERHEAD, dgram.length);
    Deobfuscated atB = b.open(dgram, ipHashA);
    assertEquals(Mode.NODE_ID, atB.mode());
    assertArrayEquals(request, atB.packet());
    assertEquals(0, atB.receiverVerifyKey());
    assertEquals(a.verifyKeyFor(ipHashB), atB.senderVerifyKey());
    assertFalse(atB.validReceiverKey());

    // B answers in receiver-key mode with the key A sent.
    byte[] reply = b.seal(response, null, atB.senderVerifyKey(), ipHashA);
    Deobfuscated atA = a.open(reply, ipHashB);
    assertEquals(Mode.RECEIVER_KEY, atA.mode());
    assertArrayEquals(response, atA.packet());
    assertEquals(a.verifyKeyFor(ipHashB), atA.receiverVerifyKey());
    assertEquals(b.verifyKeyFor(ipHashA), atA.senderVerifyKey());
    assertTrue(atA.validReceiverKey());

    // The same reply seen as coming from another destination: key valid for nobody else.
    if (ipHashB != ipHashA + 1) {
      Deobfuscated spoofed = a.open(reply, ipHashA + 1);
      assertEquals(Mode.NONE_MATCHED, spoofed.mode());
    }
  }

  @Test
  void wrongKeyPassesTheRawBytesOnInsteadOfThrowing() {
    SplittableRandom rnd = new SplittableRandom(3);
    KadId b = KadId.random(rnd);
    KadId c = KadId.random(rnd);
    byte[] dgram = Obfuscation.encryptNodeId(GOLDEN_FRAME, b, 0, 5, rnd);
    Deobfuscated atC = Obfuscation.decrypt(dgram, c, 1, 2);
    assertEquals(Mode.NONE_MATCHED, atC.mode());
    assertArrayEquals(dgram, atC.packet());
    assertEquals(0, atC.receiverVerifyKey());
    assertEquals(0, atC.senderVerifyKey());
    assertFalse(atC.validReceiverKey());
  }

  @Test
  void plainProtocolBytesPassThrough() {
    for (int b : new int[] {0x03, 0x04, 0x05, 0x06, 0xA3, 0xB2}) {
      byte[] dgram = new byte[40];
      dgram[0] = (byte) b;
      Deobfuscated d = Obfuscation.decrypt(dgram, KadId.fromHex("1".repeat(32)), 1, 2);
      assertEquals(Mode.PLAIN, d.mode(), "byte " + b);
      assertArrayEquals(dgram, d.packet());
      assertEquals(0, d.receiverVerifyKey());
      assertFalse(d.validReceiverKey());
    }
    Deobfuscated tiny = Obfuscation.decrypt(HEX.parseHex("0560"), KadId.fromHex("1".repeat(32)), 1, 2);
    assertEquals(Mode.PLAIN, tiny.mode());
  }

  @Test
  void datagramsOfAtMostEightBytesAreNotDecrypted() {
    KadId own = KadId.fromHex("1".repeat(32));
    byte[] full = Obfuscation.encrypt(GOLDEN_FRAME, Obfuscation.nodeIdKey(own, 9), 0x10, 9, 0, 1);
    byte[] eight = Arrays.copyOf(full, 8);
    Deobfuscated d = Obfuscation.decrypt(eight, own, 1, 2);
    assertEquals(Mode.NONE_MATCHED, d.mode());
    assertArrayEquals(eight, d.packet());
  }

  @Test
  void decryptedRemainderMustHoldMoreThanTheTwoKeys() {
    KadId own = KadId.fromHex("1".repeat(32));
    byte[] empty = Obfuscation.encrypt(new byte[0], Obfuscation.nodeIdKey(own, 9), 0x10, 9, 0, 1);
    assertEquals(16, empty.length);
    Deobfuscated d = Obfuscation.decrypt(empty, own, 1, 2);
    assertEquals(Mode.NONE_MATCHED, d.mode());
    assertArrayEquals(empty, d.packet());

    byte[] one = Obfuscation.encrypt(new byte[] {0x05}, Obfuscation.nodeIdKey(own, 9), 0x10, 9, 0, 1);
    Deobfuscated d1 = Obfuscation.decrypt(one, own, 1, 2);
    assertEquals(Mode.NODE_ID, d1.mode());
    assertArrayEquals(new byte[] {0x05}, d1.packet());
  }

  @Test
  void markerOnlyChoosesWhichKeyIsTriedFirst() {
    KadId own = KadId.fromHex("2".repeat(32));
    int secret = 77;
    int sender = 99;
    long ourKey = UdpVerifyKey.compute(sender, secret);
    for (int marker : new int[] {0x00, 0x01, 0x02, 0x07, 0x11, 0x12, 0xFD, 0xFE, 0xFF}) {
      byte[] byNodeId =
          Obfuscation.encrypt(GOLDEN_FRAME, Obfuscation.nodeIdKey(own, 5), marker, 5, 0, 1);
      assertEquals(Mode.NODE_ID, Obfuscation.decrypt(byNodeId, own, secret, sender).mode());
      byte[] byReceiverKey =
          Obfuscation.encrypt(
              GOLDEN_FRAME, Obfuscation.receiverKey(ourKey, 5), marker, 5, ourKey, 1);
      Deobfuscated d = Obfuscation.decrypt(byReceiverKey, own, secret, sender);
      assertEquals(Mode.RECEIVER_KEY, d.mode(), "marker " + marker);
      assertArrayEquals(GOLDEN_FRAME, d.packet());
    }
  }

  @Test
  void paddingSentByAPeerIsSkipped() {
    KadId own = KadId.fromHex("3".repeat(32));
    byte[] padded = oracle(GOLDEN_FRAME, own.toWireBytes(), (byte) 0x10, 0x4242, 7, 8, 5);
    Deobfuscated d = Obfuscation.decrypt(padded, own, 1, 2);
    assertEquals(Mode.NODE_ID, d.mode());
    assertArrayEquals(GOLDEN_FRAME, d.packet());
    assertEquals(7, d.receiverVerifyKey());
    assertEquals(8, d.senderVerifyKey());
  }

  @Test
  void markerBitsHoldOverManyDraws() {
    SplittableRandom rnd = new SplittableRandom(11);
    KadId receiver = KadId.random(rnd);
    boolean[] seen = new boolean[256];
    for (int i = 0; i < 20_000; i++) {
      int nodeIdMarker = Obfuscation.encryptNodeId(GOLDEN_FRAME, receiver, 0, 1, rnd)[0] & 0xFF;
      assertEquals(0, nodeIdMarker & 0x03, "NodeID marker " + nodeIdMarker);
      assertFalse(Obfuscation.isPlainProtocolByte(nodeIdMarker));
      int rkMarker = Obfuscation.encryptReceiverKey(GOLDEN_FRAME, 12345, 1, rnd)[0] & 0xFF;
      assertEquals(0x02, rkMarker & 0x03, "receiver-key marker " + rkMarker);
      assertFalse(Obfuscation.isPlainProtocolByte(rkMarker));
      seen[nodeIdMarker] = true;
      seen[rkMarker] = true;
    }
    // All 64 + 64 allowed values minus the three forbidden ones (0x04; 0x06, 0xB2) appear.
    int distinct = 0;
    for (boolean s : seen) {
      distinct += s ? 1 : 0;
    }
    assertEquals(125, distinct);
  }

  @Test
  void forbiddenMarkersAreRedrawnUpTo128Times() {
    // encryptNodeId draws the randomKeyPart first, then marker bytes.
    assertEquals(0x10, Obfuscation.encryptNodeId(GOLDEN_FRAME, GOLDEN_RECEIVER, 0, 1, scripted(7, 0x04, 0x07, 0x10))[0]);
    assertEquals(0x0E, Obfuscation.encryptReceiverKey(GOLDEN_FRAME, 9, 1, scripted(7, 0x06, 0xB3, 0x0C))[0]);
    int[] alwaysForbidden = new int[129];
    Arrays.fill(alwaysForbidden, 0x05); // & 0xFC -> 0x04
    byte[] fallback = Obfuscation.encryptNodeId(GOLDEN_FRAME, GOLDEN_RECEIVER, 0, 1, scripted(alwaysForbidden));
    assertEquals(0x00, fallback[0]);
    assertEquals(Mode.NODE_ID, Obfuscation.decrypt(fallback, GOLDEN_RECEIVER, 0, 0).mode());
  }

  @Test
  void refusesToBuildADatagramOverTheSamLimit() {
    SplittableRandom rnd = new SplittableRandom(5);
    byte[] largest = Obfuscation.encryptNodeId(new byte[Framing.MAX_FRAME], GOLDEN_RECEIVER, 0, 1, rnd);
    assertEquals(Framing.MAX_DATAGRAM, largest.length);
    assertThrows(
        IllegalArgumentException.class,
        () -> Obfuscation.encryptNodeId(new byte[Framing.MAX_FRAME + 1], GOLDEN_RECEIVER, 0, 1, rnd));
    assertThrows(
        IllegalArgumentException.class,
        () -> Obfuscation.encryptNodeId(GOLDEN_FRAME, KadId.ZERO, 0, 1, rnd));
    assertThrows(
        IllegalArgumentException.class,
        () -> Obfuscation.encryptReceiverKey(GOLDEN_FRAME, 0, 1, rnd));
    assertThrows(
        IllegalArgumentException.class,
        () -> Obfuscation.encryptReceiverKey(GOLDEN_FRAME, 1L << 32, 1, rnd));
  }

  @Test
  void sealFollowsImulesModeChoice() {
    SplittableRandom rnd = new SplittableRandom(9);
    KadObfuscator node = new KadObfuscator(KadId.random(rnd), 1234, rnd);
    KadId peer = KadId.random(rnd);
    assertEquals(0, node.seal(GOLDEN_FRAME, peer, 555, 1)[0] & 0x03, "id known: NodeID mode");
    assertEquals(0x02, node.seal(GOLDEN_FRAME, KadId.ZERO, 555, 1)[0] & 0x03, "key only");
    assertEquals(0x02, node.seal(GOLDEN_FRAME, null, 555, 1)[0] & 0x03, "key only");
    assertArrayEquals(GOLDEN_FRAME, node.seal(GOLDEN_FRAME, null, 0, 1), "nothing known: plain");
  }

  // ---- test-side oracle: java.security MD5 and a textbook RC4, independent of BouncyCastle ----

  static byte[] oracle(
      byte[] frame, byte[] keyMaterial, byte marker, int rkp, long rvk, long svk, int padLen) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(keyMaterial);
      md5.update(new byte[] {(byte) rkp, (byte) (rkp >>> 8)});
      byte[] key = md5.digest();
      ByteBuffer body = ByteBuffer.allocate(13 + padLen + frame.length).order(ByteOrder.LITTLE_ENDIAN);
      body.putInt(Obfuscation.MAGIC).put((byte) padLen).put(new byte[padLen]);
      body.putInt((int) rvk).putInt((int) svk).put(frame);
      byte[] enc = rc4(key, body.array());
      byte[] out = new byte[3 + enc.length];
      out[0] = marker;
      out[1] = (byte) rkp;
      out[2] = (byte) (rkp >>> 8);
      System.arraycopy(enc, 0, out, 3, enc.length);
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static byte[] rc4(byte[] key, byte[] data) {
    int[] s = new int[256];
    for (int i = 0; i < 256; i++) {
      s[i] = i;
    }
    for (int i = 0, j = 0; i < 256; i++) {
      j = (j + s[i] + (key[i % key.length] & 0xFF)) & 0xFF;
      int t = s[i];
      s[i] = s[j];
      s[j] = t;
    }
    byte[] out = new byte[data.length];
    for (int n = 0, i = 0, j = 0; n < data.length; n++) {
      i = (i + 1) & 0xFF;
      j = (j + s[i]) & 0xFF;
      int t = s[i];
      s[i] = s[j];
      s[j] = t;
      out[n] = (byte) (data[n] ^ s[(s[i] + s[j]) & 0xFF]);
    }
    return out;
  }

  @Test
  void oracleRc4MatchesRfc6229() {
    // RFC 6229, key 0x0102030405, keystream bytes 0..15.
    byte[] ks = rc4(HEX.parseHex("0102030405"), new byte[16]);
    assertArrayEquals(HEX.parseHex("b2396305f03dc027ccc3524a0a1118a8"), ks);
  }

  // ---- helpers ----

  private static int rkp(byte[] datagram) {
    return (datagram[1] & 0xFF) | (datagram[2] & 0xFF) << 8;
  }

  private static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  /** A generator that answers nextInt(bound) from a script, to pin the marker draws. */
  private static RandomGenerator scripted(int... values) {
    return new RandomGenerator() {
      private int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextInt(bound) is scripted");
      }

      @Override
      public int nextInt(int bound) {
        return values[next++];
      }
    };
  }

  private static byte[] goldenFrame() {
    byte[] f = new byte[42];
    f[0] = 0x05;
    f[1] = 0x11;
    for (int i = 0; i < 40; i++) {
      f[2 + i] = (byte) i;
    }
    return f;
  }

  @Provide
  Arbitrary<byte[]> frames() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600);
  }

  @Provide
  Arbitrary<KadId> ids() {
    return Arbitraries.longs()
        .tuple2()
        .map(t -> new KadId(t.get1(), t.get2()))
        .filter(id -> !id.isZero());
  }

  @Provide
  Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xFFFFFFFFL);
  }
}
