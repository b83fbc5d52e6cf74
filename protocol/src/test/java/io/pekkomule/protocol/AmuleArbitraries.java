package io.pekkomule.protocol;

import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.msg.*;
import io.pekkomule.protocol.tag.BsobTag;
import io.pekkomule.protocol.tag.FloatTag;
import io.pekkomule.protocol.tag.HashTag;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.wire.Bytes;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for the kad4 overlay: aMule-readable tags, 25-byte contacts, every kad4 message. */
public final class AmuleArbitraries {
  private AmuleArbitraries() {}

  private static Arbitrary<Integer> u8() {
    return Arbitraries.integers().between(0, 255);
  }

  private static Arbitrary<Integer> u16() {
    return Arbitraries.integers().between(0, 0xFFFF);
  }

  /** Only the types aMule's Kad tag reader accepts. */
  public static Arbitrary<Tag> tags() {
    Arbitrary<Integer> n = u8();
    return Arbitraries.oneOf(
        Combinators.combine(n, Arbitraries.bytes().array(byte[].class).ofSize(16).map(Bytes::of)).as(HashTag::new),
        Combinators.combine(n, ProtocolArbitraries.strings()).as(StringTag::new),
        Combinators.combine(n, ProtocolArbitraries.unsignedValues()).as(IntTag::new),
        Combinators.combine(n, Arbitraries.integers()).as(FloatTag::new),
        Combinators.combine(n, ProtocolArbitraries.byteStrings(40)).as(BsobTag::new));
  }

  public static Arbitrary<TagList> tagLists(int maxTags) {
    return tags().list().ofMaxSize(maxTags).map(TagList::new);
  }

  /** Contacts as they read back from the wire (TCP port always present). */
  public static Arbitrary<KadContact> contacts() {
    Arbitrary<Ipv4UdpEndpoint> endpoints =
        Combinators.combine(Arbitraries.integers(), u16(), u16()).as(Ipv4UdpEndpoint::new);
    return Combinators.combine(u8(), ProtocolArbitraries.kadIds(), endpoints).as(KadContact::new);
  }

  private static Arbitrary<List<TaggedEntry>> entries(int max) {
    return Combinators.combine(ProtocolArbitraries.kadIds(), tagLists(4)).as(TaggedEntry::new).list().ofMaxSize(max);
  }

  private static Arbitrary<Integer> reqCounts() {
    return u8().filter(c -> (c & 0x1F) != 0);
  }

  private static Arbitrary<Integer> versions() {
    return Arbitraries.integers().between(1, 255);
  }

  /** One message per kad4 opcode (every message here has a kad4 form), plus kad4 unknowns. */
  public static Arbitrary<KadMessage> messages() {
    Arbitrary<KadId> id = ProtocolArbitraries.kadIds();
    Arbitrary<Long> u64 = Arbitraries.longs();
    Arbitrary<Integer> start = Arbitraries.integers().between(0, 0x7FFF);
    return Arbitraries.oneOf(
        List.of(
            Arbitraries.just(new Kad2BootstrapReq()),
            Combinators.combine(id, u16(), u8(), contacts().list().ofMaxSize(20)).as(AmuleBootstrapRes::new),
            Combinators.combine(id, u16(), versions(), tagLists(4)).as(AmuleHelloReq::new),
            Combinators.combine(id, u16(), versions(), tagLists(4)).as(AmuleHelloRes::new),
            Combinators.combine(reqCounts(), id, id).as((c, t, r) -> new Kad2Req(c, t, r, java.util.Optional.empty())),
            id.map(Kad2HelloResAck::new),
            Combinators.combine(id, contacts().list().ofMaxSize(31)).as(AmuleRes::new),
            Combinators.combine(id, start, ProtocolArbitraries.searchExprs().optional()).as(Kad2SearchKeyReq::new),
            Combinators.combine(id, start, u64).as(Kad2SearchSourceReq::new),
            Combinators.combine(id, u64).as(Kad2SearchNotesReq::new),
            Combinators.combine(id, id, entries(5)).as(Kad2SearchRes::new),
            Combinators.combine(id, entries(5)).as(Kad2PublishKeyReq::new),
            Combinators.combine(id, id, tagLists(6)).as(Kad2PublishSourceReq::new),
            Combinators.combine(id, id, tagLists(6)).as(Kad2PublishNotesReq::new),
            Combinators.combine(id, u8(), u8().optional())
                .as((k, l, o) -> new Kad2PublishRes(k, java.util.Optional.empty(), l, o.map(OptionalInt::of).orElse(OptionalInt.empty()))),
            Arbitraries.just(new Kad2PublishResAck()),
            u16().map(AmuleFirewalledReq::new),
            Combinators.combine(u16(), id, u8()).as(Kad2Firewalled2Req::new),
            Arbitraries.integers().map(AmuleFirewalledRes::new),
            Arbitraries.just(new AmuleFirewalledAck()),
            Arbitraries.just(new Kad2Ping()),
            u16().map(AmulePong::new),
            Combinators.combine(u8(), u16()).as(Kad2FirewallUdp::new),
            Combinators.combine(
                    u8().filter(op -> AmuleOpcode.fromCode(op).isEmpty()), ProtocolArbitraries.byteStrings(200))
                .as((op, b) -> new Unknown(Overlay.AMULE_KAD4, op, b))));
  }
}
