package io.pekkomule.protocol.crypto;

import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.crypto.Obfuscation.Deobfuscated;
import io.pekkomule.protocol.crypto.Obfuscation.Mode;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * kad4 obfuscation. aMule's scheme is iMule's byte for byte; these vectors pin the two places that
 * differ (plain protocol bytes, verify-key input = IPv4 address) and prove interop with real data.
 *
 * <p>CAPTURED datagrams: sent by a real amuled 2.3.3 at 198.51.100.1:4672 to a probe at
 * 203.0.113.4 whose KadID is BBBBBBBB000000000000000000000002 and whose UDP key secret is
 * 0x11223344 (see AmuleGoldenVectorsTest for the set-up). ORACLE vectors: printed by
 * protocol/src/test/python/amule_vectors.py (hashlib MD5, its own RC4, and kad2node.py's
 * obfuscate() with os.urandom pinned).
 */
class AmuleObfuscationTest {
  static final KadId PROBE = KadId.fromHex("BBBBBBBB000000000000000000000002");
  static final int PROBE_SECRET = 0x11223344;
  static final Ipv4UdpEndpoint AMULED = Ipv4UdpEndpoint.of("198.51.100.1", 4672);
  static final KadId OWN = KadId.fromHex("00112233445566778899AABBCCDDEEFF");
  static final KadId PEER = KadId.fromHex("0102030405060708090A0B0C0D0E0F10");
  static final KadId TARGET = KadId.fromHex("A0A1A2A3B0B1B2B3C0C1C2C3D0D1D2D3");

  static Deobfuscated open(String datagramHex) {
    return Obfuscation.decrypt(
        Overlay.AMULE_KAD4, hex(datagramHex), PROBE, PROBE_SECRET, AMULED.verifyKeyInput());
  }

  @Test
  void capturedHelloResInNodeIdMode() {
    Deobfuscated d = open(
        "7494d4865d89f7cdac9e5a6baf100aee4c1690123b6c7a5bb6103a8911296392d02b8eee3f98a84e3aab06");
    assertEquals(Mode.NODE_ID, d.mode());
    assertArrayEquals(hex("e419 aaaaaaaa000000000000000001000000 3612 08 01 09 0100 f2 06"), d.packet());
    assertEquals(0, d.receiverVerifyKey());
    assertEquals(0x7B4F4129L, d.senderVerifyKey()); // amuled's key for 203.0.113.4
    assertFalse(d.validReceiverKey());
  }

  @Test
  void capturedResInReceiverKeyModeCarriesOurIpDerivedKey() {
    // We had sent amuled our key for 198.51.100.1 (MD5 of c6 33 64 01 · 44 33 22 11 → 0xA882B703);
    // amuled echoed it, so it is valid exactly when the input is the address in network order.
    Deobfuscated d = open(
        "76633f09ba342309428cb8a4e87380b9f27958d240daa5a97ad9d97b621bd73cb83544e434584b1341926d03"
            + "c15783c7696f5396f76a77c8d0326acd");
    assertEquals(Mode.RECEIVER_KEY, d.mode());
    assertArrayEquals(
        hex("e429 bbbbbbbb000000000000000002000000 01 bbbbbbbb000000000000000002000000 047100cb 4012 3612 08"),
        d.packet());
    assertEquals(0xA882B703L, d.receiverVerifyKey());
    assertEquals(0x7B4F4129L, d.senderVerifyKey());
    assertTrue(d.validReceiverKey());
  }

  @Test
  void capturedHelloReqAndPingFromASecondRun() {
    Deobfuscated hello = open(
        "b468fa2afba2376f8d150040a7f30f73f2ac0590e743ffe746982737f429eec3eb8af350db2074373a518b");
    assertEquals(Mode.NODE_ID, hello.mode());
    assertArrayEquals(hex("e411 aaaaaaaa000000000000000001000000 3612 08 01 09 0100 f2 02"), hello.packet());
    assertEquals(0x1E339CB4L, hello.senderVerifyKey());
    Deobfuscated ping = open("a0d4c8abea372c5a0871287e92d68e190280");
    assertArrayEquals(hex("e460"), ping.packet());
    assertEquals(Mode.NODE_ID, ping.mode());
  }

  @Test
  void ourHelloResAckThatAmuledAccepted() {
    // Receiver-key mode with amuled's sender key; after it amuled listed the probe as verified.
    byte[] frame = hex("e422 bbbbbbbb000000000000000002000000 00");
    long ourKeyForAmuled = UdpVerifyKey.compute(AMULED.verifyKeyInput(), PROBE_SECRET);
    assertEquals(0xA882B703L, ourKeyForAmuled);
    byte[] out = Obfuscation.encrypt(
        Overlay.AMULE_KAD4, frame, Obfuscation.receiverKey(0x7B4F4129L, 0x1234), 0x02, 0x1234,
        0x7B4F4129L, ourKeyForAmuled);
    assertArrayEquals(hex("023412f6e99a1551f2d9e82f064ab0c9168deea010a71a0a0b1dc147c7f3ca2b52441a"), out);
  }

  @Test
  void oracleVectors() {
    byte[] req = hex("e421 0b a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 04030201080706050c0b0a09100f0e0d");
    assertArrayEquals(
        hex("10efbe531c07c0433bb68649ec0645ca5c7f20f10bb6ae7d94fe1b3a8d0216ef1b00319fe28f2878476ade9f"
            + "7e93b2a606e414"),
        Obfuscation.encrypt(Overlay.AMULE_KAD4, req, Obfuscation.nodeIdKey(PEER, 0xBEEF), 0x10, 0xBEEF, 0, 0x01020304L));
    byte[] ack = hex("e422 3322110077665544bbaa9988ffeeddcc 00");
    assertArrayEquals(
        hex("023412f6e99a1551f2d9e82f064ab0c9168d6639ba1c6d6c5e597aed5e7b37c58f881a"),
        Obfuscation.encrypt(
            Overlay.AMULE_KAD4, ack, Obfuscation.receiverKey(0x7B4F4129L, 0x1234), 0x02, 0x1234, 0x7B4F4129L, 0xA882B703L));
  }

  @Test
  void plainBytesAreAmules() {
    for (int b : new int[] {0xC5, 0xE5, 0xE4, 0xA3, 0xB2, 0xD4}) {
      assertTrue(Overlay.AMULE_KAD4.isPlainProtocolByte(b));
    }
    for (int b : new int[] {0x03, 0x04, 0x05, 0x06, 0xE3, 0x00}) {
      assertFalse(Overlay.AMULE_KAD4.isPlainProtocolByte(b), Integer.toHexString(b));
    }
    // A plain kad4 frame passes through; an iMule header byte is tried as an obfuscated packet.
    assertEquals(Mode.PLAIN, open("e4 60 000000000000000000").mode());
    assertEquals(Mode.NONE_MATCHED, open("05 60 000000000000000000").mode());
    // And the other way round on iMule.
    assertEquals(
        Mode.NONE_MATCHED,
        Obfuscation.decrypt(hex("e4 60 000000000000000000"), PROBE, PROBE_SECRET, 1).mode());
  }

  @Property(tries = 300)
  void markersAvoidAmulesPlainBytes(@ForAll long seed, @ForAll boolean receiverKeyMode) {
    int marker = Obfuscation.drawMarker(Overlay.AMULE_KAD4, receiverKeyMode, new SplittableRandom(seed));
    assertFalse(Overlay.AMULE_KAD4.isPlainProtocolByte(marker));
    assertEquals(0, marker & 0x01);
    assertEquals(receiverKeyMode ? 0x02 : 0x00, marker & 0x02);
  }

  @Property(tries = 200)
  void twoKad4NodesTalkInBothModes(
      @ForAll byte[] payload, @ForAll int secretA, @ForAll int secretB, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] frame = new byte[2 + Math.min(payload.length, 300)];
    frame[0] = (byte) 0xE4;
    frame[1] = 0x21;
    System.arraycopy(payload, 0, frame, 2, frame.length - 2);
    Ipv4UdpEndpoint a = Ipv4UdpEndpoint.of("198.51.100.1", 4672);
    Ipv4UdpEndpoint b = Ipv4UdpEndpoint.of("203.0.113.4", 4672);
    KadObfuscator na = new KadObfuscator(Overlay.AMULE_KAD4, OWN, secretA, rnd);
    KadObfuscator nb = new KadObfuscator(Overlay.AMULE_KAD4, PEER, secretB, rnd);
    Deobfuscated atB = nb.open(na.seal(frame, PEER, 0, b.verifyKeyInput()), a.verifyKeyInput());
    assertEquals(Mode.NODE_ID, atB.mode());
    assertArrayEquals(frame, atB.packet());
    Deobfuscated atA =
        na.open(nb.seal(frame, null, atB.senderVerifyKey(), a.verifyKeyInput()), b.verifyKeyInput());
    assertEquals(Mode.RECEIVER_KEY, atA.mode());
    assertTrue(atA.validReceiverKey());
    assertArrayEquals(frame, atA.packet());
  }
}
