package io.pekkomule.protocol.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.files.NodesDat.Entry;
import io.pekkomule.protocol.files.NodesDat.Skip;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-built files for the formats no fixture covers. Bytes are assembled here field by field
 * (little-endian, ids as raw wire bytes), independently of the encoder under test.
 */
class NodesDatSyntheticTest {

  /** Little-endian byte builder, deliberately separate from WireWriter. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int v) {
      out.write(v);
      return this;
    }

    Bytes u32(long v) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    Bytes raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    byte[] get() {
      return out.toByteArray();
    }
  }

  private final SplittableRandom rnd = new SplittableRandom(42);

  /** 387 random bytes with a NULL certificate and a non-zero hash. */
  byte[] dest() {
    byte[] d = new byte[387];
    rnd.nextBytes(d);
    d[384] = d[385] = d[386] = 0;
    d[0] |= 1;
    return d;
  }

  byte[] wireId() {
    byte[] id = new byte[16];
    rnd.nextBytes(id);
    id[0] |= 1;
    return id;
  }

  byte[] kad2Record(int version, byte[] id, byte[] dest) {
    return new Bytes().u8(version).raw(id).raw(dest).get();
  }

  @Test
  void v1RecordsAre404BytesWithoutKeys() throws Exception {
    byte[] id0 = wireId();
    byte[] d0 = dest();
    byte[] file =
        new Bytes().u32(0).u32(1).u32(2).raw(kad2Record(8, id0, d0)).raw(kad2Record(3, wireId(), dest())).get();
    assertEquals(12 + 2 * 404, file.length);
    NodesDat f = NodesDat.decode(file);
    assertEquals(1, f.formatVersion());
    assertEquals(2, f.entries().size());
    Entry e = f.entries().get(0);
    assertEquals(8, e.kadVersion());
    assertEquals(KadId.fromWireBytes(id0), e.id());
    assertArrayEquals(d0, e.udpDest().toBytes());
    assertEquals(0, e.file().udpKey());
    assertFalse(e.verified());
    assertEquals(3, f.entries().get(1).kadVersion());
    assertArrayEquals(file, f.encode());
  }

  @Test
  void v3NormalHas413ByteRecords() throws Exception {
    byte[] file =
        new Bytes()
            .u32(0).u32(3).u32(0).u32(1)
            .raw(kad2Record(7, wireId(), dest())).u32(0xDEADBEEFL).u32(0x01020304).u8(1)
            .get();
    NodesDat f = NodesDat.decode(file);
    assertEquals(3, f.formatVersion());
    assertFalse(f.bootstrapEdition());
    Entry e = f.entries().get(0);
    assertEquals(7, e.kadVersion());
    assertEquals(0xDEADBEEFL, e.file().udpKey());
    assertEquals(0x01020304L, e.file().udpKeyIp());
    assertTrue(e.verified());
    assertArrayEquals(file, f.encode());
  }

  @Test
  void v3BootstrapEditionHas404ByteRecordsAndFeedsOnlyTheBootstrapList() throws Exception {
    Bytes b = new Bytes().u32(0).u32(3).u32(1).u32(60);
    for (int i = 0; i < 60; i++) {
      b.raw(kad2Record(i < 5 ? 1 : 8, wireId(), dest()));
    }
    byte[] file = b.get();
    assertEquals(16 + 60 * 404, file.length);
    NodesDat f = NodesDat.decode(file);
    assertEquals(3, f.formatVersion());
    assertTrue(f.bootstrapEdition());
    assertEquals(60, f.entries().size());
    assertArrayEquals(file, f.encode());

    KadId own = KadId.random(rnd);
    NodesDat.Import imp = f.importFor(own, I2pDestination.of(dest()));
    assertTrue(imp.routing().isEmpty());
    assertEquals(5, imp.skipped(Skip.KAD1_ONLY));
    assertEquals(50, imp.bootstrap().size());
    assertEquals(5, imp.skipped(Skip.NOT_CLOSEST));
    for (int i = 1; i < imp.bootstrap().size(); i++) {
      KadId prev = imp.bootstrap().get(i - 1).id().xor(own);
      KadId next = imp.bootstrap().get(i).id().xor(own);
      assertTrue(prev.compareTo(next) < 0, "nearest first");
    }
    // the 5 left out are farther than every one kept
    KadId farthestKept = imp.bootstrap().get(49).id().xor(own);
    long fartherDropped =
        f.entries().stream()
            .filter(e -> e.kadVersion() > 1)
            .filter(e -> e.id().xor(own).compareTo(farthestKept) > 0)
            .count();
    assertEquals(5, fartherDropped);
  }

  @Test
  void v0RecordsAre791BytesWithTcpDestAndType() throws Exception {
    byte[] id = wireId();
    byte[] udp = dest();
    byte[] tcp = dest();
    byte[] file = new Bytes().u32(1).raw(id).raw(udp).raw(tcp).u8(2).get();
    assertEquals(4 + 791, file.length);
    NodesDat f = NodesDat.decode(file);
    assertEquals(0, f.formatVersion());
    Kad1Contact k = f.entries().get(0).kad1().orElseThrow();
    assertEquals(KadId.fromWireBytes(id), k.id());
    assertArrayEquals(tcp, k.tcpDest().toBytes());
    assertEquals(2, k.type());
    assertEquals(0, f.entries().get(0).kadVersion());
    assertArrayEquals(file, f.encode());
  }

  @Test
  void emptyV1AndV2FilesAreValid() throws Exception {
    for (int v = 1; v <= 2; v++) {
      byte[] file = new Bytes().u32(0).u32(v).u32(0).get();
      NodesDat f = NodesDat.decode(file);
      assertEquals(v, f.formatVersion());
      assertTrue(f.entries().isEmpty());
      assertArrayEquals(file, f.encode());
    }
  }

  @Test
  void writerProducesEveryFormatTheReaderAccepts() throws Exception {
    List<Entry> v0 = new ArrayList<>();
    List<Entry> v2 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      KadId id = KadId.random(rnd);
      I2pDestination udp = I2pDestination.of(dest());
      v0.add(Entry.ofV0(new Kad1Contact(id, udp, I2pDestination.of(dest()), i)));
      v2.add(Entry.of(new FileContact(new Kad2Contact(8, id, udp), 1000 + i, 77, i % 2 == 0)));
    }
    for (NodesDat f :
        List.of(
            new NodesDat(0, false, v0),
            new NodesDat(2, false, v2),
            new NodesDat(3, false, v2))) {
      assertEquals(f, NodesDat.decode(f.encode()));
    }
    // v1 and the bootstrap edition store no keys/flag: those come back as 0/false
    for (NodesDat f : List.of(new NodesDat(1, false, v2), new NodesDat(3, true, v2))) {
      NodesDat back = NodesDat.decode(f.encode());
      assertEquals(
          v2.stream().map(Entry::contact).toList(), back.entries().stream().map(Entry::contact).toList());
      assertTrue(back.entries().stream().noneMatch(Entry::verified));
    }
  }

  @Test
  void modelRejectsInconsistentShapes() {
    KadId id = KadId.random(rnd);
    I2pDestination udp = I2pDestination.of(dest());
    Entry plain = Entry.of(new FileContact(new Kad2Contact(8, id, udp), 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new NodesDat(0, false, List.of(plain)));
    assertThrows(IllegalArgumentException.class, () -> new NodesDat(2, true, List.of(plain)));
    assertThrows(IllegalArgumentException.class, () -> new NodesDat(4, false, List.of(plain)));
    Kad1Contact other = new Kad1Contact(KadId.random(rnd), udp, udp, 0);
    assertThrows(IllegalArgumentException.class, () -> new Entry(plain.file(), Optional.of(other)));
  }

  // ---------------------------------------------------------------- damage

  private static DecodeException decodeFails(byte[] file) {
    return assertThrows(DecodeException.class, () -> NodesDat.decode(file));
  }

  @Test
  void truncatedFixtureFailsAtTheCountWithTheNumbers() throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v2.dat");
    DecodeException e = decodeFails(Arrays.copyOf(raw, 12 + 50 * 413 + 100));
    assertEquals(Reason.TRUNCATED, e.reason());
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("count 99"), e.getMessage());
  }

  @Test
  void emptyAndShortHeadersAreTruncated() {
    DecodeException empty = decodeFails(new byte[0]);
    assertEquals(Reason.TRUNCATED, empty.reason());
    assertEquals(0, empty.offset());
    DecodeException noVersion = decodeFails(new byte[6]);
    assertEquals(Reason.TRUNCATED, noVersion.reason());
    assertEquals(4, noVersion.offset());
    DecodeException noCount = decodeFails(new Bytes().u32(0).u32(3).u32(0).get());
    assertEquals(Reason.TRUNCATED, noCount.reason());
    assertEquals(12, noCount.offset());
  }

  @Test
  void unknownVersionAndEditionAreRejectedWhereTheyStand() {
    DecodeException v4 = decodeFails(new Bytes().u32(0).u32(4).u32(0).get());
    assertEquals(Reason.UNSUPPORTED, v4.reason());
    assertEquals(4, v4.offset());
    DecodeException edition = decodeFails(new Bytes().u32(0).u32(3).u32(2).u32(0).get());
    assertEquals(Reason.BAD_HEADER, edition.reason());
    assertEquals(8, edition.offset());
  }

  @Test
  void damagedCertificateInsideARecordReportsItsOffset() throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v2.dat");
    int destAt = 12 + 5 * 413 + 17;
    raw[destAt + 385] = 5;
    DecodeException e = decodeFails(raw);
    assertEquals(Reason.BAD_VALUE, e.reason());
    assertEquals(destAt, e.offset());
  }

  @Test
  void trailingBytesAreReportedAtTheEndOfTheRecords() throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v2.dat");
    DecodeException e = decodeFails(Arrays.copyOf(raw, raw.length + 3));
    assertEquals(Reason.TRAILING_BYTES, e.reason());
    assertEquals(raw.length, e.offset());
  }

  @Test
  void hugeCountWithATinyBodyFailsFastWithoutAllocating() {
    byte[] v2 = new Bytes().u32(0).u32(2).u32(0xFFFFFFFFL).raw(new byte[10]).get();
    byte[] v0 = new Bytes().u32(0xFFFFFFFFL).raw(new byte[10]).get();
    assertTimeoutPreemptively(
        Duration.ofSeconds(1),
        () -> {
          DecodeException e2 = decodeFails(v2);
          assertEquals(Reason.TRUNCATED, e2.reason());
          assertEquals(8, e2.offset());
          assertTrue(e2.getMessage().contains("count 4294967295"), e2.getMessage());
          DecodeException e0 = decodeFails(v0);
          assertEquals(Reason.TRUNCATED, e0.reason());
          assertEquals(0, e0.offset());
        });
  }

  @Test
  void oversizedFileIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("nodes.dat");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(NodesDat.MAX_FILE_BYTES + 1); // sparse
    }
    DecodeException e = assertThrows(DecodeException.class, () -> NodesDat.read(big));
    assertEquals(Reason.OVER_LIMIT, e.reason());
  }

  // ---------------------------------------------------------------- reading rules

  @Test
  void recordsIMuleDiscardsAreKeptRawAndSkippedOnImport() throws Exception {
    byte[] zeroHashDest = dest();
    zeroHashDest[0] = zeroHashDest[1] = zeroHashDest[2] = zeroHashDest[3] = 0;
    byte[] self = dest();
    byte[] file =
        new Bytes()
            .u32(0).u32(2).u32(5)
            .raw(kad2Record(8, new byte[16], dest())).u32(0).u32(0).u8(0) // zero id
            .raw(kad2Record(9, wireId(), dest())).u32(0).u32(0).u8(0) // version 9
            .raw(kad2Record(8, wireId(), zeroHashDest)).u32(0).u32(0).u8(0) // hash 0
            .raw(kad2Record(8, wireId(), self)).u32(0).u32(0).u8(0) // ourselves
            .raw(kad2Record(8, wireId(), dest())).u32(5).u32(6).u8(0) // fine
            .get();
    NodesDat f = NodesDat.decode(file);
    assertEquals(5, f.entries().size());
    assertTrue(f.entries().get(0).id().isZero());
    assertEquals(9, f.entries().get(1).kadVersion());
    assertArrayEquals(file, f.encode());

    NodesDat.Import imp = f.importFor(KadId.ZERO, I2pDestination.of(self));
    assertEquals(1, imp.skipped(Skip.ZERO_ID));
    assertEquals(1, imp.skipped(Skip.VERSION_ABOVE_8));
    assertEquals(1, imp.skipped(Skip.INVALID_DEST));
    assertEquals(1, imp.skipped(Skip.SELF));
    assertEquals(1, imp.routing().size());
    assertEquals(5, imp.routing().get(0).udpKey());
    assertTrue(imp.allMarkedVerified(), "no record verified: all marked");
    assertTrue(imp.routing().get(0).verified());
  }

  @Test
  void oneVerifiedRecordAnywhereKeepsTheStoredFlags() throws Exception {
    byte[] self = dest();
    byte[] file =
        new Bytes()
            .u32(0).u32(2).u32(2)
            .raw(kad2Record(8, wireId(), self)).u32(0).u32(0).u8(1) // verified, but skipped as self
            .raw(kad2Record(8, wireId(), dest())).u32(0).u32(0).u8(0)
            .get();
    NodesDat.Import imp = NodesDat.decode(file).importFor(KadId.ZERO, I2pDestination.of(self));
    assertFalse(imp.allMarkedVerified());
    assertEquals(1, imp.routing().size());
    assertFalse(imp.routing().get(0).verified());
  }

  @Test
  void writeIsAtomicAndReadable(@TempDir Path dir) throws Exception {
    byte[] raw = Fixtures.bytes("imule-nodes-v2.dat");
    Path p = dir.resolve("nodes.dat");
    Files.write(p, new byte[] {1, 2, 3});
    NodesDat.decode(raw).write(p);
    assertArrayEquals(raw, Files.readAllBytes(p));
    assertEquals(99, NodesDat.read(p).entries().size());
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }
}
