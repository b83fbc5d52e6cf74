package io.pekkomule.protocol.tag;

import static io.pekkomule.protocol.TestBytes.cat;
import static io.pekkomule.protocol.TestBytes.destBytes;
import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Byte vectors written by hand from spec §6 and iMule's Tag.cpp, in both dialects. */
class TagCodecTest {
  private static final int N = TagName.FILESIZE; // 0x24

  private static byte[] plain(Tag t) {
    WireWriter w = new WireWriter();
    TagWriter.PLAIN.write(w, t);
    return w.toByteArray();
  }

  private static byte[] serialFrom1(Tag t) {
    AtomicInteger n = new AtomicInteger();
    WireWriter w = new WireWriter();
    TagWriter.serial(n::incrementAndGet).write(w, t);
    return w.toByteArray();
  }

  private static Tag read(TagDialect d, byte[] b) throws DecodeException {
    WireReader r = new WireReader(b);
    Tag t = new TagReader(d, Limits.DEFAULT).readTag(r);
    r.expectEnd();
    return t;
  }

  private static void golden(Tag t, String expectedHex) throws DecodeException {
    assertArrayEquals(hex(expectedHex), plain(t), "encoding of " + t);
    assertEquals(t, read(TagDialect.PLAIN, hex(expectedHex)));
  }

  @Test
  void integersUseTheSmallestWidthWithImulesUint64() throws Exception {
    golden(new IntTag(N, 0), "89 24 00");
    golden(new IntTag(N, 0xFF), "89 24 FF");
    golden(new IntTag(N, 0x100), "88 24 00 01");
    golden(new IntTag(N, 0xFFFF), "88 24 FF FF");
    golden(new IntTag(N, 0x1_0000), "83 24 00 00 01 00");
    golden(new IntTag(N, 0xFFFF_FFFFL), "83 24 FF FF FF FF");
    golden(new IntTag(N, 0x1_0000_0000L), "A9 24 00 00 00 00 01 00 00 00");
    golden(new IntTag(N, -1L), "A9 24 FF FF FF FF FF FF FF FF");
  }

  @Test
  void stringsUseStr1ToStr16OtherwiseString() throws Exception {
    golden(new StringTag(TagName.FILENAME, ""), "82 23 00 00");
    golden(new StringTag(TagName.FILENAME, "a"), "91 23 61");
    golden(new StringTag(TagName.FILENAME, "abc"), "93 23 61 62 63");
    golden(new StringTag(TagName.FILENAME, "é"), "92 23 C3 A9");
    golden(new StringTag(TagName.FILENAME, "0123456789abcdef"), "A0 23 30313233343536373839616263646566");
    golden(new StringTag(TagName.FILENAME, "0123456789abcdefg"), "82 23 11 00 3031323334353637383961626364656667");
  }

  @Test
  void otherTypes() throws Exception {
    golden(new HashTag(N, Bytes.fromHex("000102030405060708090a0b0c0d0e0f")), "81 24 000102030405060708090a0b0c0d0e0f");
    golden(FloatTag.of(N, 1.0f), "84 24 00 00 80 3F");
    golden(new BoolTag(N, 1), "85 24 01");
    golden(new BoolArrayTag(N, 10, Bytes.fromHex("ff03")), "86 24 0A 00 FF 03");
    golden(new BlobTag(N, Bytes.fromHex("010203")), "87 24 03 00 00 00 01 02 03");
    Tag addr = new AddressTag(TagName.SOURCEDEST, I2pDestination.of(destBytes(7)));
    assertArrayEquals(cat("A7 53", destBytes(7)), plain(addr));
    assertEquals(addr, read(TagDialect.PLAIN, cat("A7 53", destBytes(7))));
  }

  @Test
  void uint64PairIsTwoNestedIntTagsEachWithItsOwnHeader() throws Exception {
    Tag pair = new UInt64PairTag(0x23, 5, 300);
    golden(pair, "A8 23  89 23 05  88 23 2C 01");
    byte[] serial = hex("A8 23 01000000  89 23 02000000 05  88 23 03000000 2C 01");
    assertArrayEquals(serial, serialFrom1(pair));
    assertEquals(pair, read(TagDialect.SERIAL, serial));
    // iMule's reader ignores the nested names and widths.
    assertEquals(pair, read(TagDialect.PLAIN, hex("A8 23  83 99 05 00 00 00  88 00 2C 01")));
  }

  @Test
  void uint64PairWithANonIntegerNestedTagIsRejected() {
    DecodeException e =
        assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, hex("A8 23  91 23 61  89 23 01")));
    assertEquals(Reason.BAD_TAG, e.reason());
  }

  @Test
  void serialDialectPutsAU32AfterTheNameByte() throws Exception {
    Tag t = new IntTag(TagName.KADMISCOPTIONS, 4);
    WireWriter w = new WireWriter();
    TagWriter.serial(() -> 0x01020304).write(w, t);
    assertArrayEquals(hex("89 58 04 03 02 01 04"), w.toByteArray());
    assertEquals(t, read(TagDialect.SERIAL, w.toByteArray()));
  }

  @Test
  void oldStringNameFormWithLengthOneIsAccepted() throws Exception {
    assertEquals(new IntTag(0x58, 4), read(TagDialect.PLAIN, hex("09 01 00 58 04")));
    // An empty name is iMule's id 0, with no desync.
    assertEquals(new IntTag(0, 4), read(TagDialect.PLAIN, hex("09 00 00 04")));
  }

  @Test
  void oldStringNameOfOtherLengthsIsRejectedBecauseImuleDesyncs() {
    DecodeException e =
        assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, hex("09 02 00 58 59 04")));
    assertEquals(Reason.BAD_TAG, e.reason());
  }

  @Test
  void bsobAmuleUint64AndStr17AreUnreadable() {
    for (String bad : new String[] {"8A 24 01 00", "8B 24 0000000000000000", "A1 24 " + "61".repeat(17), "80 24 00", "AA 24 00"}) {
      DecodeException e = assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, hex(bad)), bad);
      assertEquals(Reason.BAD_TAG, e.reason(), bad);
    }
  }

  @Test
  void addressWithNonNullCertificateIsRejected() {
    byte[] d = destBytes(1);
    d[385] = 5;
    DecodeException e = assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, cat("A7 53", d)));
    assertEquals(Reason.BAD_VALUE, e.reason());
  }

  @Test
  void invalidUtf8FallsBackToLatin1AndABomIsDropped() throws Exception {
    assertEquals(new StringTag(N, "caf\u00e9"), read(TagDialect.PLAIN, hex("94 24 63 61 66 E9")));
    assertEquals(new StringTag(N, "abc"), read(TagDialect.PLAIN, hex("96 24 EF BB BF 61 62 63")));
    // A lone BOM (3 bytes) is not stripped by iMule.
    assertEquals(new StringTag(N, "\uFEFF"), read(TagDialect.PLAIN, hex("93 24 EF BB BF")));
  }

  @Test
  void valueLengthsAreCheckedAgainstTheLimitBeforeAllocating() {
    DecodeException s = assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, hex("82 24 FF FF 61")));
    assertEquals(Reason.OVER_LIMIT, s.reason());
    DecodeException b = assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, hex("87 24 FF FF FF FF 61")));
    assertEquals(Reason.OVER_LIMIT, b.reason());
    DecodeException t = assertThrows(DecodeException.class, () -> read(TagDialect.PLAIN, hex("82 24 10 00 61")));
    assertEquals(Reason.TRUNCATED, t.reason());
  }

  @Test
  void tagListDetectsTheDialect() throws Exception {
    TagList list = TagList.of(new IntTag(TagName.KADMISCOPTIONS, 4));
    Dialected<TagList> p = TagList.decode(hex("01 89 58 04"), 8, Limits.DEFAULT);
    assertEquals(list, p.value());
    assertEquals(TagDialect.PLAIN, p.dialect());
    assertTrue(p.dialectObserved());

    Dialected<TagList> s = TagList.decode(hex("01 89 58 07000000 04"), 8, Limits.DEFAULT);
    assertEquals(list, s.value());
    assertEquals(TagDialect.SERIAL, s.dialect());

    Dialected<TagList> empty = TagList.decode(hex("00"), 8, Limits.DEFAULT);
    assertEquals(TagList.EMPTY, empty.value());
    assertFalse(empty.dialectObserved());
  }

  @Test
  void tagListCountIsBoundedBeforeReading() {
    DecodeException over = assertThrows(DecodeException.class, () -> TagList.decode(hex("09 89 58 04"), 8, Limits.DEFAULT));
    assertEquals(Reason.OVER_LIMIT, over.reason());
    DecodeException shortList = assertThrows(DecodeException.class, () -> TagList.decode(hex("05 89 58 04"), 8, Limits.DEFAULT));
    assertEquals(Reason.TRUNCATED, shortList.reason());
  }

  @Test
  void garbageInBothDialectsReportsThePlainFailure() {
    DecodeException e = assertThrows(DecodeException.class, () -> TagList.decode(hex("01 89 58 04 00"), 8, Limits.DEFAULT));
    assertEquals(Reason.TRAILING_BYTES, e.reason());
  }

  @Test
  void tagListEncodesCountThenTags() {
    TagList list = TagList.of(new StringTag(TagName.FILENAME, "ab"), new IntTag(TagName.FILESIZE, 1000));
    assertArrayEquals(hex("02 92 23 61 62 88 24 E8 03"), list.encode(TagWriter.PLAIN));
    AtomicInteger serial = new AtomicInteger(41);
    assertArrayEquals(
        hex("02 92 23 2A000000 61 62 88 24 2B000000 E8 03"), list.encode(TagWriter.serial(serial::incrementAndGet)));
  }

  @Test
  void lookupHelpers() {
    TagList list =
        TagList.of(
            new StringTag(TagName.FILENAME, "x"),
            new IntTag(TagName.FILESIZE, 7),
            new AddressTag(TagName.SOURCEDEST, I2pDestination.of(destBytes(3))));
    assertEquals(7, list.intValue(TagName.FILESIZE).getAsLong());
    assertEquals("x", list.stringValue(TagName.FILENAME).orElseThrow());
    assertEquals(I2pDestination.of(destBytes(3)), list.addressValue(TagName.SOURCEDEST).orElseThrow());
    assertTrue(list.intValue(TagName.FILENAME).isEmpty());
    assertEquals("KADMISCOPTIONS", TagName.describe(0x58));
    assertEquals("0x01", TagName.describe(1));
  }

  @Test
  void constructorsRejectValuesThatCannotBeWritten() {
    assertThrows(IllegalArgumentException.class, () -> new IntTag(256, 1));
    assertThrows(IllegalArgumentException.class, () -> new HashTag(1, Bytes.fromHex("00")));
    assertThrows(IllegalArgumentException.class, () -> new BoolArrayTag(1, 9, Bytes.fromHex("00")));
    assertThrows(IllegalArgumentException.class, () -> new StringTag(1, "x".repeat(70_000)));
  }
}
