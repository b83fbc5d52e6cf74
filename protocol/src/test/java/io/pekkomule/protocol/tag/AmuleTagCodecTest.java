package io.pekkomule.protocol.tag;

import static io.pekkomule.protocol.TestBytes.dest;
import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pekkomule.protocol.AmuleArbitraries;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.wire.Bytes;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.OptionalInt;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** aMule's kad4 tag form ({@code CFileDataIO::WriteTag/ReadTag}): {@code type · u16 len · name · value}. */
class AmuleTagCodecTest {
  static final TagReader READER = TagReader.forOverlay(Overlay.AMULE_KAD4, Limits.DEFAULT);

  static byte[] write(Tag t) {
    WireWriter w = new WireWriter();
    TagWriter.AMULE.write(w, t);
    return w.toByteArray();
  }

  static TagList readList(String hex) throws DecodeException {
    WireReader r = new WireReader(hex(hex));
    TagList l = TagReader.forOverlay(Overlay.AMULE_KAD4, Limits.DEFAULT).readList(r, 255);
    r.expectEnd();
    return l;
  }

  @Test
  void everyTypeAsAmuleWritesIt() {
    // The HELLO_RES tag amuled 2.3.3 sent (see AmuleGoldenVectorsTest): UINT8, name "\xF2".
    assertArrayEquals(hex("09 0100 f2 06"), write(new IntTag(AmuleTagName.KADMISCOPTIONS, 6)));
    assertArrayEquals(hex("08 0100 fc 4012"), write(new IntTag(AmuleTagName.SOURCEUPORT, 4672)));
    assertArrayEquals(hex("03 0100 02 00000100"), write(new IntTag(AmuleTagName.FILESIZE, 0x10000)));
    assertArrayEquals(hex("0b 0100 02 0000000001000000"), write(new IntTag(AmuleTagName.FILESIZE, 1L << 32)));
    // Strings are always STRING (0x02) with a u16 length, never STR1..STR16.
    assertArrayEquals(hex("02 0100 01 0300 616263"), write(new StringTag(AmuleTagName.FILENAME, "abc")));
    assertArrayEquals(hex("02 0100 01 0000"), write(new StringTag(AmuleTagName.FILENAME, "")));
    assertArrayEquals(hex("04 0100 d3 0000803f"), write(FloatTag.of(AmuleTagName.MEDIA_LENGTH, 1.0f)));
    assertArrayEquals(hex("0a 0100 02 08 0102030405060708"),
        write(new BsobTag(AmuleTagName.FILESIZE, Bytes.of(hex("0102030405060708")))));
    assertArrayEquals(hex("01 0100 f8 000102030405060708090a0b0c0d0e0f"),
        write(new HashTag(AmuleTagName.BUDDYHASH, Bytes.of(hex("000102030405060708090a0b0c0d0e0f")))));
  }

  @Test
  void tagsAmuleCannotReadAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> write(new BoolTag(1, 1)));
    assertThrows(IllegalArgumentException.class, () -> write(new BlobTag(1, Bytes.of(new byte[1]))));
    assertThrows(IllegalArgumentException.class, () -> write(new AddressTag(1, dest(1))));
    assertThrows(IllegalArgumentException.class, () -> write(new UInt64PairTag(1, 1, 2)));
    // And iMule cannot read BSOB.
    assertThrows(IllegalArgumentException.class,
        () -> TagWriter.PLAIN.write(new WireWriter(), new BsobTag(1, Bytes.of(new byte[1]))));
  }

  @Test
  void readerAcceptsExactlyAmulesTypes() throws Exception {
    assertEquals(TagList.of(new IntTag(0xF2, 6), new StringTag(1, "ab")),
        readList("02 09 0100 f2 06 02 0100 01 0200 6162"));
    // iMule's 1-byte-name form: aMule reads type 0x88 and fails ("Invalid Kad tag type").
    assertEquals(Reason.BAD_TAG, assertThrows(DecodeException.class, () -> readList("01 88 fc 4012")).reason());
    for (String type : new String[] {"05", "06", "07", "11", "27", "28", "29", "0c"}) {
      DecodeException e = assertThrows(DecodeException.class, () -> readList("01 " + type + " 0100 01 00000000"), type);
      assertEquals(Reason.BAD_TAG, e.reason());
    }
  }

  @Test
  void multiByteNamesAreSkippedWithTheirValue() throws Exception {
    // eMuleAI vendor tag "ip6" (STRING, 32 hex characters) between two ordinary tags.
    String ip6 = "02 0300 697036 2000 " + "30".repeat(32);
    assertEquals(TagList.of(new IntTag(0xFF, 1), new IntTag(0xFD, 4662)),
        readList("03 09 0100 ff 01 " + ip6 + " 08 0100 fd 3612"));
    assertEquals(Reason.BAD_TAG,
        assertThrows(DecodeException.class, () -> READER.readTag(new WireReader(hex(ip6)))).reason());
  }

  @Test
  void lengthsAreBoundedBeforeAllocation() {
    Limits small = new Limits(10240, 10238, 8, 32, 16, 24, 25, 12, 300, 150);
    DecodeException e = assertThrows(DecodeException.class,
        () -> TagReader.forOverlay(Overlay.AMULE_KAD4, small).readTag(new WireReader(hex("02 0100 01 1100" + "61".repeat(17)))));
    assertEquals(Reason.OVER_LIMIT, e.reason());
    DecodeException name = assertThrows(DecodeException.class,
        () -> READER.readTag(new WireReader(hex("09 ffff 01"))));
    assertEquals(Reason.OVER_LIMIT, name.reason());
    DecodeException count = assertThrows(DecodeException.class, () -> readList("05 09 0100 01 01"));
    assertEquals(Reason.TRUNCATED, count.reason());
  }

  @Test
  void knownTagsMapBetweenOverlays() {
    assertEquals(0x23, KnownTag.FILENAME.id(Overlay.IMULE_I2P));
    assertEquals(0x01, KnownTag.FILENAME.id(Overlay.AMULE_KAD4));
    assertEquals(0xFF, KnownTag.SOURCETYPE.id(Overlay.AMULE_KAD4));
    assertEquals(0x54, KnownTag.SOURCETYPE.id(Overlay.IMULE_I2P));
    assertEquals(0xF2, KnownTag.KADMISCOPTIONS.id(Overlay.AMULE_KAD4));
    assertEquals(OptionalInt.empty(), KnownTag.SOURCEDEST.idIn(Overlay.AMULE_KAD4));
    assertThrows(IllegalArgumentException.class, () -> KnownTag.SOURCEIP.id(Overlay.IMULE_I2P));
    assertEquals(KnownTag.COMPLETE_SOURCES, KnownTag.of(Overlay.AMULE_KAD4, 0x30).orElseThrow());
    assertEquals(KnownTag.FILENAME, KnownTag.of(Overlay.IMULE_I2P, 0x23).orElseThrow());
    for (Overlay o : Overlay.values()) {
      for (KnownTag t : KnownTag.values()) {
        t.idIn(o).ifPresent(id -> assertEquals(t, KnownTag.of(o, id).orElseThrow(), t + " in " + o));
      }
    }
  }

  @Provide
  Arbitrary<Tag> tags() {
    return AmuleArbitraries.tags();
  }

  @Property(tries = 1000)
  void everyAmuleTagRoundTrips(@ForAll("tags") Tag tag) throws DecodeException {
    byte[] b = write(tag);
    assertEquals(TagWriter.amuleType(tag), b[0] & 0xFF);
    assertEquals(1, (b[1] & 0xFF) | (b[2] & 0xFF) << 8);
    assertEquals(tag.name(), b[3] & 0xFF);
    WireReader r = new WireReader(b);
    assertEquals(tag, READER.readTag(r));
    assertEquals(0, r.remaining());
  }
}
