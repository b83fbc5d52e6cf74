package io.pekkomule.protocol.search;

import static io.pekkomule.protocol.TestBytes.cat;
import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagName;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Byte vectors from spec §7.3 and iMule's CreateSearchExpressionTree / SearchList.cpp writer. */
class SearchExprCodecTest {

  private static SearchExpr decode(String hex) throws DecodeException {
    return SearchExprCodec.decode(hex(hex), Limits.DEFAULT).value();
  }

  private static DecodeException fails(byte[] bytes) {
    return assertThrows(DecodeException.class, () -> SearchExprCodec.decode(bytes, Limits.DEFAULT));
  }

  @Test
  void andOfTwoStringsAndANumericTerm() throws Exception {
    SearchExpr e =
        BoolExpr.and(
            BoolExpr.and(new StringTerm("foo"), new StringTerm("bar")),
            new NumericTerm(NumericOp.GREATER, TagName.FILESIZE, 1_000_000));
    String expected = "00 00  00 00  01 0300 666F6F  01 0300 626172  03 01 83 24 40420F00";
    assertArrayEquals(hex(expected), SearchExprCodec.encode(e, TagWriter.PLAIN));
    assertEquals(e, decode(expected));
  }

  @Test
  void numericTermCarriesASerialInTheSerialDialect() throws Exception {
    SearchExpr e = new NumericTerm(NumericOp.LESS_EQUAL, TagName.FILESIZE, 7);
    byte[] serial = hex("03 04 89 24 01000000 07");
    assertArrayEquals(serial, SearchExprCodec.encode(e, TagWriter.serial(() -> 1)));
    Dialected<SearchExpr> d = SearchExprCodec.decode(serial, Limits.DEFAULT);
    assertEquals(e, d.value());
    assertEquals(TagDialect.SERIAL, d.dialect());
  }

  @Test
  void orAndNotOperators() throws Exception {
    assertEquals(BoolExpr.or(new StringTerm("a"), new StringTerm("b")), decode("00 01 01 0100 61 01 0100 62"));
    assertEquals(BoolExpr.andNot(new StringTerm("a"), new StringTerm("b")), decode("00 02 01 0100 61 01 0100 62"));
  }

  @Test
  void metaTermIsWrittenInTheReceiversForm() {
    SearchExpr e = new MetaTerm(TagName.FILETYPE, "Audio");
    assertArrayEquals(hex("02 0500 417564696F 25"), SearchExprCodec.encode(e, TagWriter.PLAIN));
  }

  @Test
  void metaTermIsReadInBothTheReceiversAndImulesWriterForm() throws Exception {
    SearchExpr expected = BoolExpr.and(new MetaTerm(TagName.FILETYPE, "Audio"), new StringTerm("x"));
    assertEquals(expected, decode("00 00  02 0500 417564696F 25  01 0100 78"));
    assertEquals(expected, decode("00 00  02 0500 417564696F 0100 25  01 0100 78"));
    assertEquals(new MetaTerm(TagName.FILETYPE, "Audio"), decode("02 0500 417564696F 0100 25"));
  }

  @Test
  void metaTermTagIdOneIsAmbiguousAndRejected() {
    assertThrows(IllegalArgumentException.class, () -> new MetaTerm(1, "x"));
    assertEquals(Reason.BAD_EXPRESSION, fails(hex("02 0100 78 01")).reason());
  }

  /** A left-deep chain of {@code depth} nodes: (depth − 1) ANDs down to a string leaf. */
  private static byte[] chain(int depth) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i < depth; i++) {
      out.writeBytes(hex("00 00"));
    }
    out.writeBytes(hex("01 0100 61"));
    for (int i = 1; i < depth; i++) {
      out.writeBytes(hex("01 0100 62"));
    }
    return out.toByteArray();
  }

  @Test
  void depth24IsAcceptedAndDepth25Rejected() throws Exception {
    SearchExpr deepest = SearchExprCodec.decode(chain(24), Limits.DEFAULT).value();
    assertEquals(24, deepest.depth());
    assertArrayEquals(chain(24), SearchExprCodec.encode(deepest, TagWriter.PLAIN));
    assertEquals(Reason.OVER_LIMIT, fails(chain(25)).reason());
    SearchExpr tooDeep = BoolExpr.and(deepest, new StringTerm("c"));
    assertThrows(IllegalArgumentException.class, () -> SearchExprCodec.encode(tooDeep, TagWriter.PLAIN));
  }

  @Test
  void undefinedOperatorsAndNonIntegerNumericTagsAreRejected() {
    assertEquals(Reason.BAD_EXPRESSION, fails(hex("00 03 01 0100 61 01 0100 62")).reason());
    assertEquals(Reason.BAD_EXPRESSION, fails(hex("04")).reason());
    assertEquals(Reason.BAD_EXPRESSION, fails(hex("03 06 89 24 01")).reason());
    assertEquals(Reason.BAD_EXPRESSION, fails(hex("03 01 91 24 61")).reason());
  }

  @Test
  void truncatedAndOverlongInputs() {
    assertEquals(Reason.TRUNCATED, fails(hex("00 00 01 0100 61")).reason());
    assertEquals(Reason.TRUNCATED, fails(hex("01 0500 61")).reason());
    assertEquals(Reason.OVER_LIMIT, fails(cat("01 FFFF", new byte[10])).reason());
    assertEquals(Reason.TRAILING_BYTES, fails(hex("01 0100 61 00")).reason());
  }
}
