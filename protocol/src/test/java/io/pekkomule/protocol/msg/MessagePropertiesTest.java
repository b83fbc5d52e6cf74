package io.pekkomule.protocol.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.ProtocolArbitraries;
import io.pekkomule.protocol.search.BoolExpr;
import io.pekkomule.protocol.search.NumericTerm;
import io.pekkomule.protocol.search.SearchExpr;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class MessagePropertiesTest {

  @Provide
  Arbitrary<KadMessage> messages() {
    return ProtocolArbitraries.messages();
  }

  @Property(tries = 3000)
  void everyMessageRoundTrips(@ForAll("messages") KadMessage m) throws DecodeException {
    byte[] bytes = m.encode();
    assertTrue(bytes.length <= Limits.KAD_PAYLOAD_MAX, "generator must stay within one payload");
    KadMessage back = Messages.decode(m.opcode(), bytes, Limits.DEFAULT);
    assertEquals(m, back);
    assertArrayEquals(bytes, back.encode());

    Statistics.label("record").collect(m.getClass().getSimpleName());
    Statistics.label("record")
        .coverage(
            c -> {
              for (Opcode op : Opcode.values()) {
                c.check(OpcodeCompletenessTest.sample(op).getClass().getSimpleName()).count(n -> n > 0);
              }
              c.check("Unknown").count(n -> n > 0);
            });
  }

  @Property(tries = 1500)
  void serialDialectRoundTripsAndIsDetected(@ForAll("messages") KadMessage m) throws DecodeException {
    AtomicInteger serial = new AtomicInteger(0x1000);
    byte[] bytes = m.encode(TagWriter.serial(serial::incrementAndGet));
    Dialected<KadMessage> d = Messages.decodeWithDialect(m.opcode(), bytes, Limits.DEFAULT);
    assertEquals(m, d.value());
    boolean hasTags = tagCount(m) > 0;
    assertEquals(hasTags, d.dialectObserved());
    assertEquals(hasTags ? TagDialect.SERIAL : TagDialect.PLAIN, d.dialect());

    Dialected<KadMessage> p = Messages.decodeWithDialect(m.opcode(), m.encode(), Limits.DEFAULT);
    assertEquals(TagDialect.PLAIN, p.dialect());
    assertEquals(hasTags, p.dialectObserved());
    // Each tag costs exactly 4 more bytes with serials (nested UINT64UINT64 parts included).
    assertEquals(m.encode().length + 4 * serial.get() - 4 * 0x1000, bytes.length);
  }

  /** Tags carried by a message, counted from the model: the oracle for dialect detection. */
  static int tagCount(KadMessage m) {
    if (m instanceof Kad2Hello h) {
      return h.tags().size();
    } else if (m instanceof Kad2SearchRes r) {
      return entries(r.results());
    } else if (m instanceof Kad1SearchRes r) {
      return entries(r.results());
    } else if (m instanceof Kad2PublishKeyReq r) {
      return entries(r.entries());
    } else if (m instanceof Kad1PublishReq r) {
      return entries(r.entries());
    } else if (m instanceof Kad2PublishSourceReq r) {
      return r.tags().size();
    } else if (m instanceof Kad2PublishNotesReq r) {
      return r.tags().size();
    } else if (m instanceof Kad1PublishNotesReq r) {
      return r.tags().size();
    } else if (m instanceof Kad2SearchKeyReq r) {
      return numericTerms(r.expression());
    } else if (m instanceof Kad1SearchReq r) {
      return numericTerms(r.expression());
    }
    return 0;
  }

  private static int entries(List<TaggedEntry> entries) {
    return entries.stream().map(TaggedEntry::tags).mapToInt(TagList::size).sum();
  }

  private static int numericTerms(Optional<SearchExpr> e) {
    return e.map(MessagePropertiesTest::numericTerms).orElse(0);
  }

  private static int numericTerms(SearchExpr e) {
    if (e instanceof BoolExpr b) {
      return numericTerms(b.left()) + numericTerms(b.right());
    }
    return e instanceof NumericTerm ? 1 : 0;
  }

  @Property(tries = 3000)
  void arbitraryBytesOnlyEverFailWithDecodeException(
      @ForAll @IntRange(min = 0, max = 0x22) int opcode, @ForAll @Size(max = 900) byte[] payload) {
    try {
      KadMessage m = Messages.decode(opcode, payload, Limits.DEFAULT);
      assertEquals(opcode, m.opcode());
    } catch (DecodeException expected) {
      Statistics.label("reason").collect(expected.reason());
    }
  }

  @Provide
  Arbitrary<byte[]> corrupted() {
    return ProtocolArbitraries.messages()
        .filter(m -> !(m instanceof Unknown))
        .flatMap(
            m -> {
              byte[] ok = m.encode();
              Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, ok.length).map(n -> prefixed(m, java.util.Arrays.copyOf(ok, n)));
              Arbitrary<byte[]> flipped =
                  ok.length == 0
                      ? Arbitraries.just(prefixed(m, ok))
                      : Arbitraries.integers().between(0, ok.length - 1)
                          .flatMap(i -> Arbitraries.integers().between(1, 255).map(x -> {
                            byte[] c = ok.clone();
                            c[i] ^= x.byteValue();
                            return prefixed(m, c);
                          }));
              return Arbitraries.oneOf(truncated, flipped);
            });
  }

  private static byte[] prefixed(KadMessage m, byte[] payload) {
    byte[] out = new byte[payload.length + 1];
    out[0] = (byte) m.opcode();
    System.arraycopy(payload, 0, out, 1, payload.length);
    return out;
  }

  @Property(tries = 3000)
  void corruptedMessagesOnlyEverFailWithDecodeException(@ForAll("corrupted") byte[] opcodeAndPayload) {
    byte[] payload = java.util.Arrays.copyOfRange(opcodeAndPayload, 1, opcodeAndPayload.length);
    try {
      Messages.decode(opcodeAndPayload[0] & 0xFF, payload, Limits.DEFAULT);
    } catch (DecodeException expected) {
      Statistics.label("reason").collect(expected.reason());
    }
  }
}
