package io.pekkomule.protocol.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.files.NodesDat.Entry;
import io.pekkomule.protocol.files.NodesDat.Skip;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The two real iMule files. Expected ids, addresses and keys were taken from the files with
 * {@code xxd} and an independent Python script, not from this decoder.
 */
class NodesDatFixturesTest {

  @Test
  void v2FixtureDecodesExactly() throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v2.dat");
    assertEquals(40_899, raw.length);
    NodesDat f = NodesDat.decode(raw);
    assertEquals(2, f.formatVersion());
    assertFalse(f.bootstrapEdition());
    assertEquals(99, f.entries().size());
    assertEquals(413, f.recordSize());
    assertEquals(12 + 99 * 413, raw.length);

    Map<Integer, Long> versions =
        f.entries().stream()
            .collect(Collectors.groupingBy(Entry::kadVersion, TreeMap::new, Collectors.counting()));
    assertEquals(Map.of(0, 16L, 8, 83L), versions);
    assertEquals(91, f.entries().stream().filter(Entry::verified).count());
    assertEquals(82, f.entries().stream().filter(e -> e.file().udpKey() != 0).count());
    assertEquals(99, f.entries().stream().map(Entry::id).distinct().count());
    assertTrue(f.entries().stream().allMatch(e -> e.kad1().isEmpty()));

    // xxd -s 13 -l 16: 2961 669a dbaa b489 1f75 be4b 534a 0f88 (four LE words)
    Entry first = f.entries().get(0);
    assertEquals("9A66612989B4AADB4BBE751F880F4A53", first.id().toHex());
    assertEquals(8, first.kadVersion());
    assertEquals("vdd6mak6tkknaltypxnjzln3rekvi7glf27wtavpmlxxjmcsquna.b32.i2p", first.udpDest().toB32());
    assertEquals(0, first.file().udpKey());
    assertFalse(first.verified());

    Entry second = f.entries().get(1);
    assertEquals(2224130603L, second.file().udpKey());
    assertEquals(4153169370L, second.file().udpKeyIp());
    assertTrue(second.verified());

    Entry last = f.entries().get(98);
    assertEquals("65360BBF32DC35558F518460D44DCA72", last.id().toHex());
    assertEquals(2810836731L, last.file().udpKey());
    assertEquals("whvxzbqcix2xeo32b4mlwiorxdwy2jxdd3t7njujnsukmwsonomq.b32.i2p", last.udpDest().toB32());
  }

  @Test
  void everyFixtureDestinationHasANullCertificate() throws Exception {
    for (String name : new String[] {"imule-nodes-v2.dat", "imule-nodes-v0.dat"}) {
      NodesDat f = NodesDat.decode(Fixtures.bytes(name));
      for (Entry e : f.entries()) {
        assertNullCertificate(e.udpDest());
        e.kad1().ifPresent(k -> assertNullCertificate(k.tcpDest()));
      }
    }
  }

  private static void assertNullCertificate(I2pDestination d) {
    byte[] b = d.toBytes();
    assertEquals(387, b.length);
    assertArrayEquals(new byte[3], new byte[] {b[384], b[385], b[386]});
  }

  @Test
  void v2FixtureRoundTripsByteForByte() throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v2.dat");
    assertArrayEquals(raw, NodesDat.decode(raw).encode());
    NodesDat rebuilt =
        NodesDat.v2(NodesDat.decode(raw).entries().stream().map(Entry::file).toList());
    assertArrayEquals(raw, rebuilt.encode());
  }

  @Test
  void v0FixtureDecodesExactly() throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v0.dat");
    assertEquals(131_310, raw.length);
    NodesDat f = NodesDat.decode(raw);
    assertEquals(0, f.formatVersion());
    assertEquals(166, f.entries().size());
    assertEquals(791, f.recordSize());
    assertEquals(4 + 166 * 791, raw.length);
    assertTrue(f.entries().stream().allMatch(e -> e.kadVersion() == 0 && !e.verified()));
    assertTrue(f.entries().stream().allMatch(e -> e.kad1().isPresent()));

    Map<Integer, Long> types =
        f.entries().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.kad1().orElseThrow().type(), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of(0, 108L, 1, 20L, 2, 24L, 3, 13L, 4, 1L), types);

    // xxd -s 4 -l 16: a9c6 d206 85cb 88c0 94c9 3996 9e3c c18a
    Entry first = f.entries().get(0);
    assertEquals("06D2C6A9C088CB859639C9948AC13C9E", first.id().toHex());
    assertEquals("ehbotrsyfr2ykqpj3izn2qwu4n57jxvdr3diakxjgedevv74sjzq.b32.i2p", first.udpDest().toB32());
    assertEquals(
        "mh45w64vsitrfk3j4g6zvrv3shrm73cm3ymml6xsmqne66uldgoa.b32.i2p",
        first.kad1().orElseThrow().tcpDest().toB32());
    assertEquals(3, first.kad1().orElseThrow().type());
    assertArrayEquals(raw, f.encode());
  }

  @Test
  void importOfV0SkipsTheDeadContactAndMarksAllVerified() throws Exception {
    NodesDat f = NodesDat.decode(Fixtures.bytes("imule-nodes-v0.dat"));
    I2pDestination own = f.entries().get(7).udpDest(); // pretend record 7 is us
    NodesDat.Import imp = f.importFor(KadId.fromHex("00000000000000000000000000000001"), own);
    assertEquals(1, imp.skipped(Skip.DEAD_TYPE));
    assertEquals(1, imp.skipped(Skip.SELF));
    assertEquals(164, imp.routing().size());
    assertTrue(imp.allMarkedVerified());
    assertTrue(imp.routing().stream().allMatch(c -> c.verified()));
    assertFalse(imp.routing().stream().anyMatch(c -> c.contact().id().toHex().equals("04072CF04C66A445FFF138F9DDD392A2")));
    assertTrue(imp.bootstrap().isEmpty());
  }

  @Test
  void importOfV2KeepsStoredVerifiedFlags() throws Exception {
    NodesDat f = NodesDat.decode(Fixtures.bytes("imule-nodes-v2.dat"));
    I2pDestination stranger = f.entries().get(0).udpDest();
    NodesDat.Import imp =
        f.importFor(KadId.ZERO, I2pDestination.of(withHash(stranger.toBytes(), 0x01020304)));
    assertEquals(99, imp.routing().size());
    assertFalse(imp.allMarkedVerified());
    assertEquals(91, imp.routing().stream().filter(c -> c.verified()).count());
  }

  static byte[] withHash(byte[] dest, int hash) {
    dest[0] = (byte) hash;
    dest[1] = (byte) (hash >>> 8);
    dest[2] = (byte) (hash >>> 16);
    dest[3] = (byte) (hash >>> 24);
    return dest;
  }
}
