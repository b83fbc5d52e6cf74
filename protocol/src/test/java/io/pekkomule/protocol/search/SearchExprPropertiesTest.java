package io.pekkomule.protocol.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.ProtocolArbitraries;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SearchExprPropertiesTest {

  @Provide
  Arbitrary<SearchExpr> exprs() {
    return ProtocolArbitraries.searchExprs();
  }

  @Property(tries = 1000)
  void expressionsRoundTripInBothDialects(@ForAll("exprs") SearchExpr e) throws DecodeException {
    Dialected<SearchExpr> plain = SearchExprCodec.decode(SearchExprCodec.encode(e, TagWriter.PLAIN), Limits.DEFAULT);
    assertEquals(e, plain.value());
    assertEquals(TagDialect.PLAIN, plain.dialect());

    AtomicInteger serial = new AtomicInteger(77);
    byte[] withSerial = SearchExprCodec.encode(e, TagWriter.serial(serial::incrementAndGet));
    assertEquals(e, SearchExprCodec.decode(withSerial, Limits.DEFAULT).value());
  }
}
