package io.pekkomule.protocol.files;

import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aMule's kad4 files. WRITTEN BY AMULED: files a real amuled 2.3.3 wrote on shutdown in the
 * interop namespace (198.51.100.1, KadID AAAAAAAA…01, one contact 203.0.113.4). ORACLE: output of
 * /work/shared/interop/mk_kadfiles.py as printed by protocol/src/test/python/amule_vectors.py.
 */
class AmuleFilesTest {
  static final KadId AMULED = KadId.fromHex("AAAAAAAA000000000000000000000001");
  static final KadId PROBE = KadId.fromHex("BBBBBBBB000000000000000000000002");
  static final KadId OWN = KadId.fromHex("00112233445566778899AABBCCDDEEFF");
  static final KadId PEER = KadId.fromHex("0102030405060708090A0B0C0D0E0F10");

  static final String AMULED_PREFS = "016433c6 0000 aaaaaaaa000000000000000001000000 00";
  static final String AMULED_NODES =
      "00000000 02000000 01000000 bbbbbbbb000000000000000002000000 047100cb 4012 3612 08 00000000 00000000 01";

  @Test
  void preferencesWrittenByAmuled() throws Exception {
    AmulePreferencesKad p = AmulePreferencesKad.decode(hex(AMULED_PREFS));
    assertEquals(new AmulePreferencesKad(Ipv4UdpEndpoint.parse("198.51.100.1"), AMULED), p);
    assertEquals(23, p.encode().length);
    assertArrayEquals(hex(AMULED_PREFS), p.encode());
    assertEquals("AmulePreferencesKad[198.51.100.1, AAAAAAAA000000000000000000000001]", p.toString());
  }

  @Test
  void preferencesAsMkKadfilesWritesThem(@TempDir Path dir) throws Exception {
    byte[] oracle = hex("00000000 0000 3322110077665544bbaa9988ffeeddcc 00");
    AmulePreferencesKad p = new AmulePreferencesKad(0, OWN);
    assertArrayEquals(oracle, p.encode());
    Path f = dir.resolve("preferencesKad.dat");
    p.write(f);
    assertEquals(p, AmulePreferencesKad.read(f));
    assertTrue(new AmulePreferencesKad(0, KadId.ZERO).needsNewId());
    DecodeException e = assertThrows(DecodeException.class, () -> AmulePreferencesKad.decode(hex("0000000000 00")));
    assertEquals(Reason.TRUNCATED, e.reason());
    // iMule's 19-byte file is not aMule's: reading it as aMule's shifts the id by 4 bytes.
    byte[] imule = new PreferencesKad(OWN).encode();
    assertThrows(DecodeException.class, () -> AmulePreferencesKad.decode(imule));
  }

  @Test
  void nodesDatWrittenByAmuled() throws Exception {
    AmuleNodesDat n = AmuleNodesDat.decode(hex(AMULED_NODES));
    assertEquals(2, n.formatVersion());
    assertEquals(34, n.recordSize());
    assertEquals(
        List.of(AmuleNodesDat.Entry.of(
            new KadContact(8, PROBE, Ipv4UdpEndpoint.of("203.0.113.4", 4672, 4662)), 0, 0, true)),
        n.entries());
    assertArrayEquals(hex(AMULED_NODES), n.encode());
  }

  @Test
  void nodesDatAsMkKadfilesWritesIt(@TempDir Path dir) throws Exception {
    byte[] oracle = hex(
        "00000000 02000000 02000000"
            + " 3322110077665544bbaa9988ffeeddcc 016433c6 4012 3612 08 00000000 00000000 01"
            + " 04030201080706050c0b0a09100f0e0d 047100cb 4112 3712 09 00000000 00000000 01");
    AmuleNodesDat n = AmuleNodesDat.v2(List.of(
        AmuleNodesDat.Entry.of(new KadContact(8, OWN, Ipv4UdpEndpoint.of("198.51.100.1", 4672, 4662)), 0, 0, true),
        AmuleNodesDat.Entry.of(new KadContact(9, PEER, Ipv4UdpEndpoint.of("203.0.113.4", 4673, 4663)), 0, 0, true)));
    assertArrayEquals(oracle, n.encode());
    Path f = dir.resolve("nodes.dat");
    n.write(f);
    assertEquals(n, AmuleNodesDat.read(f));
    assertEquals(List.of(), List.of(Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).toArray()));
  }

  @Test
  void everyFormatRoundTrips() throws Exception {
    KadContact c = new KadContact(8, OWN, Ipv4UdpEndpoint.of("198.51.100.1", 4672, 4662));
    // v0: count, then records whose last byte is the contact type (3 here).
    byte[] v0 = hex("01000000 3322110077665544bbaa9988ffeeddcc 016433c6 4012 3612 03");
    AmuleNodesDat d0 = AmuleNodesDat.decode(v0);
    assertEquals(0, d0.formatVersion());
    assertEquals(OptionalInt.of(3), d0.entries().get(0).v0Type());
    assertEquals(0, d0.entries().get(0).contact().version());
    assertArrayEquals(v0, d0.encode());
    // v1 and v3 bootstrap edition: 25-byte records with the version last.
    for (String head : new String[] {"00000000 01000000", "00000000 03000000 01000000"}) {
      byte[] f = hex(head + " 01000000 3322110077665544bbaa9988ffeeddcc 016433c6 4012 3612 08");
      AmuleNodesDat d = AmuleNodesDat.decode(f);
      assertEquals(List.of(AmuleNodesDat.Entry.of(c, 0, 0, false)), d.entries());
      assertArrayEquals(f, d.encode());
    }
    // v3 normal edition: 34-byte records.
    byte[] v3 = hex("00000000 03000000 00000000 01000000 3322110077665544bbaa9988ffeeddcc 016433c6 4012 3612 08"
        + " 78563412 016433c6 00");
    AmuleNodesDat d3 = AmuleNodesDat.decode(v3);
    assertEquals(0x12345678L, d3.entries().get(0).udpKey());
    assertEquals(0xC6336401L, d3.entries().get(0).udpKeyIp());
    assertArrayEquals(v3, d3.encode());
    // An empty legacy file.
    assertEquals(new AmuleNodesDat(0, false, List.of()), AmuleNodesDat.decode(hex("00000000")));
  }

  @Test
  void damagedFilesFailWithOffsets() {
    DecodeException big = assertThrows(DecodeException.class,
        () -> AmuleNodesDat.decode(hex("00000000 02000000 ffffffff 00")));
    assertEquals(Reason.TRUNCATED, big.reason());
    assertEquals(8, big.offset());
    DecodeException trailing = assertThrows(DecodeException.class,
        () -> AmuleNodesDat.decode(hex(AMULED_NODES + " 00")));
    assertEquals(Reason.TRAILING_BYTES, trailing.reason());
    assertEquals(Reason.UNSUPPORTED,
        assertThrows(DecodeException.class, () -> AmuleNodesDat.decode(hex("00000000 04000000 00000000"))).reason());
    assertEquals(Reason.BAD_HEADER,
        assertThrows(DecodeException.class,
            () -> AmuleNodesDat.decode(hex("00000000 03000000 02000000 00000000"))).reason());
    assertThrows(IllegalArgumentException.class, () -> new AmuleNodesDat(2, true, List.of()));
  }
}
