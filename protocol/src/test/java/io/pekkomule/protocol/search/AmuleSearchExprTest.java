package io.pekkomule.protocol.search;

import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.ProtocolArbitraries;
import io.pekkomule.protocol.tag.AmuleTagName;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * kad4 search expressions as aMule's {@code CreateSearchExpressionTree} reads them: boolean and
 * string nodes as in iMule; meta {@code 02 · str value · str name}; numeric {@code 03 · u32} or
 * {@code 08 · u64}, then {@code u8 op · str name}, names being u16-length strings.
 */
class AmuleSearchExprTest {
  static SearchExpr decode(String h) throws DecodeException {
    return SearchExprCodec.decode(hex(h), Overlay.AMULE_KAD4, Limits.DEFAULT).value();
  }

  static byte[] encode(SearchExpr e) {
    return SearchExprCodec.encode(e, TagWriter.AMULE);
  }

  @Test
  void layouts() throws Exception {
    SearchExpr e = BoolExpr.and(new StringTerm("ogg"), new NumericTerm(NumericOp.LESS, AmuleTagName.FILESIZE, 1 << 20));
    String bytes = "00 00 01 0300 6f6767 03 00001000 02 0100 02";
    assertArrayEquals(hex(bytes), encode(e));
    assertEquals(e, decode(bytes));

    SearchExpr big = new NumericTerm(NumericOp.GREATER_EQUAL, AmuleTagName.FILESIZE, 5L << 32);
    assertArrayEquals(hex("08 0000000005000000 03 0100 02"), encode(big));
    assertEquals(big, decode("08 0000000005000000 03 0100 02"));

    SearchExpr meta = new MetaTerm(AmuleTagName.FILETYPE, "Audio");
    assertArrayEquals(hex("02 0500 417564696f 0100 03"), encode(meta));
    assertEquals(meta, decode("02 0500 417564696f 0100 03"));
  }

  @Test
  void unrepresentableOrMalformedTermsAreRejected() {
    assertEquals(Reason.BAD_EXPRESSION,
        assertThrows(DecodeException.class, () -> decode("02 0100 61 0100 01")).reason());
    assertEquals(Reason.BAD_EXPRESSION,
        assertThrows(DecodeException.class, () -> decode("02 0100 61 0200 0102")).reason());
    assertEquals(Reason.BAD_EXPRESSION,
        assertThrows(DecodeException.class, () -> decode("03 01000000 06 0100 02")).reason());
    assertEquals(Reason.BAD_EXPRESSION,
        assertThrows(DecodeException.class, () -> decode("04")).reason());
    assertEquals(Reason.OVER_LIMIT,
        assertThrows(DecodeException.class, () -> decode("00 00".repeat(24) + "01 0000")).reason());
  }

  @Provide
  Arbitrary<SearchExpr> exprs() {
    return ProtocolArbitraries.searchExprs();
  }

  @Property(tries = 1000)
  void everyExpressionRoundTrips(@ForAll("exprs") SearchExpr e) throws DecodeException {
    byte[] b = encode(e);
    assertEquals(e, SearchExprCodec.decode(b, Overlay.AMULE_KAD4, Limits.DEFAULT).value());
  }
}
