package io.pekkomule.protocol;

import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.msg.*;
import io.pekkomule.protocol.search.BoolExpr;
import io.pekkomule.protocol.search.BoolOp;
import io.pekkomule.protocol.search.MetaTerm;
import io.pekkomule.protocol.search.NumericOp;
import io.pekkomule.protocol.search.NumericTerm;
import io.pekkomule.protocol.search.SearchExpr;
import io.pekkomule.protocol.search.StringTerm;
import io.pekkomule.protocol.tag.*;
import io.pekkomule.protocol.wire.Bytes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every protocol value, sized so that every message fits one Kad payload. */
public final class ProtocolArbitraries {
  private ProtocolArbitraries() {}

  public static Arbitrary<KadId> kadIds() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(KadId::new);
  }

  public static Arbitrary<KadId> nonZeroKadIds() {
    return kadIds().filter(id -> !id.isZero());
  }

  /** Random 384 key bytes plus the 3 zero bytes of a NULL certificate. */
  public static Arbitrary<I2pDestination> destinations() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(384)
        .map(b -> I2pDestination.of(Arrays.copyOf(b, I2pDestination.BYTES)));
  }

  public static Arbitrary<Kad2Contact> kad2Contacts() {
    return Combinators.combine(Arbitraries.integers().between(0, 8), nonZeroKadIds(), destinations())
        .as(Kad2Contact::new);
  }

  public static Arbitrary<Kad2Contact> helloContacts() {
    return Combinators.combine(Arbitraries.integers().between(1, 8), nonZeroKadIds(), destinations())
        .as(Kad2Contact::new);
  }

  public static Arbitrary<Kad1Contact> kad1Contacts() {
    return Combinators.combine(
            nonZeroKadIds(), destinations(), destinations(), Arbitraries.integers().between(0, 255))
        .as(Kad1Contact::new);
  }

  /**
   * Strings that survive UTF-8: BMP without surrogates, not starting with a BOM (iMule strips a
   * leading BOM, tested separately). Lengths cover STRING with 0 bytes, STR1..STR16 and STRING.
   */
  public static Arbitrary<String> strings() {
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(30);
    Arbitrary<String> unicode =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .ofMaxLength(20);
    return Arbitraries.oneOf(ascii, unicode).filter(s -> !s.startsWith("\uFEFF"));
  }

  public static Arbitrary<Integer> tagNames() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(TagName.FILENAME, TagName.ENCRYPTION),
        Arbitraries.integers().between(0, 255));
  }

  /** Unsigned 64-bit values spread over all four integer widths. */
  public static Arbitrary<Long> unsignedValues() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 0xFF),
        Arbitraries.longs().between(0x100, 0xFFFF),
        Arbitraries.longs().between(0x1_0000, 0xFFFF_FFFFL),
        Arbitraries.longs());
  }

  public static Arbitrary<Bytes> byteStrings(int maxLength) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Bytes::of);
  }

  public static Arbitrary<Tag> tags() {
    Arbitrary<Integer> n = tagNames();
    return Arbitraries.oneOf(
        Combinators.combine(n, Arbitraries.bytes().array(byte[].class).ofSize(16).map(Bytes::of))
            .as(HashTag::new),
        Combinators.combine(n, strings()).as(StringTag::new),
        Combinators.combine(n, unsignedValues()).as(IntTag::new),
        Combinators.combine(n, Arbitraries.integers()).as(FloatTag::new),
        Combinators.combine(n, Arbitraries.integers().between(0, 255)).as(BoolTag::new),
        Combinators.combine(n, Arbitraries.integers().between(0, 100))
            .flatAs((name, bits) -> Arbitraries.bytes().array(byte[].class).ofSize((bits + 7) / 8)
                .map(b -> new BoolArrayTag(name, bits, Bytes.of(b)))),
        Combinators.combine(n, byteStrings(64)).as(BlobTag::new),
        Combinators.combine(n, destinations()).as(AddressTag::new),
        Combinators.combine(n, unsignedValues(), unsignedValues()).as(UInt64PairTag::new));
  }

  public static Arbitrary<TagList> tagLists(int maxTags) {
    return tags().list().ofMaxSize(maxTags).map(TagList::new);
  }

  public static Arbitrary<SearchExpr> searchExprs() {
    Arbitrary<SearchExpr> terms =
        Arbitraries.oneOf(
            strings().map(StringTerm::new),
            Combinators.combine(tagNames().filter(t -> t != 1), strings()).as(MetaTerm::new),
            Combinators.combine(Arbitraries.of(NumericOp.class), tagNames(), unsignedValues())
                .as(NumericTerm::new));
    return Arbitraries.recursive(
        () -> terms,
        e -> Combinators.combine(Arbitraries.of(BoolOp.class), e, e).as(BoolExpr::new),
        0,
        4);
  }

  private static Arbitrary<List<TaggedEntry>> entries(int max) {
    return Combinators.combine(kadIds(), tagLists(4)).as(TaggedEntry::new).list().ofMaxSize(max);
  }

  private static Arbitrary<Optional<SourceCounts>> sourceCounts() {
    Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    return Combinators.combine(u32, u32).as(SourceCounts::new).optional();
  }

  private static Arbitrary<Integer> u8() {
    return Arbitraries.integers().between(0, 255);
  }

  /** Counts whose low 5 bits are non-zero, as REQ needs. */
  private static Arbitrary<Integer> reqCounts() {
    return u8().filter(c -> (c & 0x1F) != 0);
  }

  public static Arbitrary<KadMessage> messages() {
    Arbitrary<KadId> id = kadIds();
    Arbitrary<Long> u64 = Arbitraries.longs();
    Arbitrary<Integer> start = Arbitraries.integers().between(0, 0x7FFF);
    return Arbitraries.oneOf(
        List.of(
            // Kad1
            kad1Contacts().map(Kad1BootstrapReq::new),
            kad1Contacts().list().ofMaxSize(12).map(Kad1BootstrapRes::new),
            kad1Contacts().map(Kad1HelloReq::new),
            kad1Contacts().map(Kad1HelloRes::new),
            Combinators.combine(reqCounts(), id, id, id).as(Kad1Req::new),
            Combinators.combine(id, kad1Contacts().list().ofMaxSize(12)).as(Kad1Res::new),
            Combinators.combine(id, u8(), searchExprs().optional())
                .as((t, r, e) -> new Kad1SearchReq(t, e.isPresent() && r == 0 ? 1 : r, e)),
            Combinators.combine(id, entries(5)).as(Kad1SearchRes::new),
            Combinators.combine(id, id).as(Kad1SearchNotesReq::new),
            Combinators.combine(id, entries(5)).as(Kad1PublishReq::new),
            Combinators.combine(id, sourceCounts(), u8()).as(Kad1PublishRes::new),
            Combinators.combine(id, id, tagLists(6)).as(Kad1PublishNotesReq::new),
            // Kad2
            Arbitraries.just(new Kad2BootstrapReq()),
            Combinators.combine(id, u8(), destinations(), kad2Contacts().list().ofMaxSize(24))
                .as(Kad2BootstrapRes::new),
            Combinators.combine(helloContacts(), tagLists(4)).as(Kad2HelloReq::new),
            Combinators.combine(helloContacts(), tagLists(4)).as(Kad2HelloRes::new),
            Combinators.combine(reqCounts(), id, id, id.optional()).as(Kad2Req::new),
            id.map(Kad2HelloResAck::new),
            Combinators.combine(id, kad2Contacts().list().ofMaxSize(25)).as(Kad2Res::new),
            Combinators.combine(id, start, searchExprs().optional()).as(Kad2SearchKeyReq::new),
            Combinators.combine(id, start, u64).as(Kad2SearchSourceReq::new),
            Combinators.combine(id, u64).as(Kad2SearchNotesReq::new),
            Combinators.combine(id, id, entries(5)).as(Kad2SearchRes::new),
            Combinators.combine(id, entries(5)).as(Kad2PublishKeyReq::new),
            Combinators.combine(id, id, tagLists(6)).as(Kad2PublishSourceReq::new),
            Combinators.combine(id, id, tagLists(6)).as(Kad2PublishNotesReq::new),
            Combinators.combine(id, sourceCounts(), u8(), u8().optional())
                .as((k, c, l, o) -> new Kad2PublishRes(k, c, l, o.map(OptionalInt::of).orElse(OptionalInt.empty()))),
            Arbitraries.just(new Kad2PublishResAck()),
            Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), id, u8()).as(Kad2Firewalled2Req::new),
            Arbitraries.just(new Kad2Ping()),
            Arbitraries.just(new Kad2Pong()),
            Combinators.combine(u8(), Arbitraries.integers().between(0, 0xFFFF)).as(Kad2FirewallUdp::new),
            // Unknown
            Combinators.combine(
                    Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0x21, 0xFF)),
                    byteStrings(200))
                .as(Unknown::new)));
  }
}
