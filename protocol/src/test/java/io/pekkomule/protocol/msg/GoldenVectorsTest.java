package io.pekkomule.protocol.msg;

import static io.pekkomule.protocol.TestBytes.cat;
import static io.pekkomule.protocol.TestBytes.dest;
import static io.pekkomule.protocol.TestBytes.destBytes;
import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.search.BoolExpr;
import io.pekkomule.protocol.search.NumericOp;
import io.pekkomule.protocol.search.NumericTerm;
import io.pekkomule.protocol.search.StringTerm;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import io.pekkomule.protocol.tag.TagWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Payloads (after the 2-byte header) written by hand from the layouts of spec §7.2, §7.4 and the
 * worked examples of §7.5. KadIds are given in MD4 order; on the wire each 4-byte word is reversed.
 */
class GoldenVectorsTest {
  static final KadId OWN = KadId.fromHex("00112233445566778899AABBCCDDEEFF");
  static final String OWN_WIRE = "33221100 77665544 BBAA9988 FFEEDDCC";
  static final KadId PEER = KadId.fromHex("0102030405060708090A0B0C0D0E0F10");
  static final String PEER_WIRE = "04030201 08070605 0C0B0A09 100F0E0D";
  static final KadId TARGET = KadId.fromHex("A0A1A2A3B0B1B2B3C0C1C2C3D0D1D2D3");
  static final String TARGET_WIRE = "A3A2A1A0 B3B2B1B0 C3C2C1C0 D3D2D1D0";

  static Dialected<KadMessage> decode(int opcode, byte[] payload) throws Exception {
    return Messages.decodeWithDialect(opcode, payload, Limits.DEFAULT);
  }

  @Test
  void helloReqAsImuleSendsIt() throws Exception {
    Kad2HelloReq hello = Kad2HelloReq.of(new Kad2Contact(8, OWN, dest(1)));
    byte[] expected = cat("08", OWN_WIRE, destBytes(1), "00");
    assertEquals(405, expected.length);
    assertArrayEquals(expected, hello.encode());
    Dialected<KadMessage> d = decode(0x0F, expected);
    assertEquals(hello, d.value());
    assertFalse(d.dialectObserved());
  }

  @Test
  void helloResAskingForAnAckInBothDialects() throws Exception {
    Kad2HelloRes res = Kad2HelloRes.of(new Kad2Contact(8, OWN, dest(1)), true);
    byte[] plain = cat("08", OWN_WIRE, destBytes(1), "01 89 58 04");
    assertArrayEquals(plain, res.encode());
    Dialected<KadMessage> p = decode(0x10, plain);
    assertEquals(res, p.value());
    assertEquals(TagDialect.PLAIN, p.dialect());
    assertTrue(p.dialectObserved());
    assertTrue(((Kad2Hello) p.value()).requestsAck());

    byte[] serial = cat("08", OWN_WIRE, destBytes(1), "01 89 58 2A000000 04");
    assertArrayEquals(serial, res.encode(TagWriter.serial(() -> 42)));
    Dialected<KadMessage> s = decode(0x10, serial);
    assertEquals(res, s.value());
    assertEquals(TagDialect.SERIAL, s.dialect());
    assertTrue(((Kad2Hello) s.value()).requestsAck());

    assertFalse(Kad2HelloRes.of(new Kad2Contact(8, OWN, dest(1)), false).requestsAck());
  }

  @Test
  void helloResAck() throws Exception {
    byte[] expected = cat(OWN_WIRE, "00");
    assertEquals(17, expected.length);
    assertArrayEquals(expected, new Kad2HelloResAck(OWN).encode());
    assertEquals(new Kad2HelloResAck(OWN), decode(0x12, expected).value());
  }

  @Test
  void kademlia2ReqForANodeLookupIs49Bytes() throws Exception {
    Kad2Req req = Kad2Req.of(Kad2Req.FIND_NODE, TARGET, PEER, OWN);
    byte[] expected = cat("0B", TARGET_WIRE, PEER_WIRE, OWN_WIRE);
    assertEquals(49, expected.length);
    assertArrayEquals(expected, req.encode());
    assertEquals(req, decode(0x11, expected).value());
    assertEquals(11, req.requestedContacts());
  }

  @Test
  void legacyChallengeReqIs33Bytes() throws Exception {
    Kad2Req req = Kad2Req.legacyChallenge(TARGET, PEER);
    byte[] expected = cat("02", TARGET_WIRE, PEER_WIRE);
    assertArrayEquals(expected, req.encode());
    assertEquals(req, decode(0x11, expected).value());
  }

  @Test
  void resWithTwoContacts() throws Exception {
    Kad2Res res =
        new Kad2Res(TARGET, List.of(new Kad2Contact(8, OWN, dest(1)), new Kad2Contact(0, PEER, dest(2))));
    byte[] expected = cat(TARGET_WIRE, "02", "08", OWN_WIRE, destBytes(1), "00", PEER_WIRE, destBytes(2));
    assertEquals(16 + 1 + 2 * 404, expected.length);
    assertArrayEquals(expected, res.encode());
    assertEquals(res, decode(0x13, expected).value());
  }

  @Test
  void bootstrapRes() throws Exception {
    Kad2BootstrapRes res = new Kad2BootstrapRes(OWN, 8, dest(5), List.of(new Kad2Contact(8, PEER, dest(2))));
    byte[] expected = cat(OWN_WIRE, "08", destBytes(5), "0100", "08", PEER_WIRE, destBytes(2));
    assertArrayEquals(expected, res.encode());
    assertEquals(res, decode(0x0E, expected).value());
  }

  @Test
  void publishResInBothShapes() throws Exception {
    Kad2PublishRes source = Kad2PublishRes.forSource(TARGET, 300, 5, 30);
    byte[] sourceBytes = cat(TARGET_WIRE, "2C010000", "05000000", "1E");
    assertEquals(25, sourceBytes.length);
    assertArrayEquals(sourceBytes, source.encode());
    assertEquals(source, decode(0x1B, sourceBytes).value());

    Kad2PublishRes key = Kad2PublishRes.forKey(TARGET, 100);
    assertArrayEquals(cat(TARGET_WIRE, "64"), key.encode());
    assertEquals(key, decode(0x1B, cat(TARGET_WIRE, "64")).value());

    Kad2PublishRes withOptions = (Kad2PublishRes) decode(0x1B, cat(TARGET_WIRE, "2C010000 05000000 1E 01")).value();
    assertEquals(Optional.of(new SourceCounts(300, 5)), withOptions.sourceCounts());
    assertTrue(withOptions.requestsAck());
    assertFalse(source.requestsAck());

    assertEquals(Kad1PublishRes.forSource(TARGET, 300, 5, 30), decode(0x0B, sourceBytes).value());
  }

  @Test
  void restrictiveSearchKeyReqWithTwoStringsAndANumericTerm() throws Exception {
    Kad2SearchKeyReq req =
        new Kad2SearchKeyReq(
            TARGET,
            0,
            Optional.of(
                BoolExpr.and(
                    BoolExpr.and(new StringTerm("foo"), new StringTerm("bar")),
                    new NumericTerm(NumericOp.GREATER_EQUAL, TagName.FILESIZE, 1_000_000))));
    byte[] expected =
        cat(TARGET_WIRE, "0080", "0000", "0000", "01 0300 666F6F", "01 0300 626172", "03 03 83 24 40420F00");
    assertArrayEquals(expected, req.encode());
    Dialected<KadMessage> d = decode(0x14, expected);
    assertEquals(req, d.value());
    assertTrue(((Kad2SearchKeyReq) d.value()).restrictive());

    Kad2SearchKeyReq plainSearch = new Kad2SearchKeyReq(TARGET, 5, Optional.empty());
    assertArrayEquals(cat(TARGET_WIRE, "0500"), plainSearch.encode());
  }

  @Test
  void searchSourceAndNotesRequests() throws Exception {
    Kad2SearchSourceReq src = new Kad2SearchSourceReq(TARGET, 0, 0x1_2345_6789L);
    byte[] srcBytes = cat(TARGET_WIRE, "0000", "89674523 01000000");
    assertArrayEquals(srcBytes, src.encode());
    assertEquals(src, decode(0x15, srcBytes).value());
    // iMule masks the restrictive bit off a source request.
    assertEquals(src, decode(0x15, cat(TARGET_WIRE, "0080", "89674523 01000000")).value());

    Kad2SearchNotesReq notes = new Kad2SearchNotesReq(TARGET, 7);
    assertArrayEquals(cat(TARGET_WIRE, "07000000 00000000"), notes.encode());
  }

  @Test
  void searchResAndPublishKeyReq() throws Exception {
    TagList tags = TagList.of(new IntTag(TagName.SOURCETYPE, 1));
    Kad2SearchRes res = new Kad2SearchRes(OWN, TARGET, List.of(new TaggedEntry(PEER, tags)));
    byte[] expected = cat(OWN_WIRE, TARGET_WIRE, "0100", PEER_WIRE, "01 89 54 01");
    assertArrayEquals(expected, res.encode());
    assertEquals(res, decode(0x17, expected).value());

    Kad2SearchRes empty = new Kad2SearchRes(OWN, TARGET, List.of());
    assertArrayEquals(cat(OWN_WIRE, TARGET_WIRE, "0000"), empty.encode());

    Kad2PublishKeyReq pub = new Kad2PublishKeyReq(TARGET, List.of(new TaggedEntry(PEER, tags)));
    assertArrayEquals(cat(TARGET_WIRE, "0100", PEER_WIRE, "01 89 54 01"), pub.encode());

    Kad2PublishSourceReq src = new Kad2PublishSourceReq(TARGET, PEER, tags);
    assertArrayEquals(cat(TARGET_WIRE, PEER_WIRE, "01 89 54 01"), src.encode());
  }

  @Test
  void emptyAndAmuleLayouts() throws Exception {
    assertArrayEquals(new byte[0], new Kad2BootstrapReq().encode());
    assertArrayEquals(new byte[0], new Kad2Ping().encode());
    assertArrayEquals(new byte[0], new Kad2Pong().encode());
    assertArrayEquals(new byte[0], new Kad2PublishResAck().encode());
    assertArrayEquals(cat("3412", PEER_WIRE, "05"), new Kad2Firewalled2Req(0x1234, PEER, 5).encode());
    assertArrayEquals(hex("01 3412"), new Kad2FirewallUdp(1, 0x1234).encode());
  }

  @Test
  void kad1Layouts() throws Exception {
    Kad1Contact self = new Kad1Contact(OWN, dest(1), dest(2), 0);
    byte[] c1 = cat(OWN_WIRE, destBytes(1), destBytes(2), "00");
    assertEquals(791, c1.length);
    assertArrayEquals(c1, new Kad1HelloReq(self).encode());
    assertEquals(new Kad1HelloReq(self), decode(0x03, c1).value());

    Kad1Req req = new Kad1Req(0x0B, TARGET, PEER, OWN);
    assertArrayEquals(cat("0B", TARGET_WIRE, PEER_WIRE, OWN_WIRE), req.encode());

    Kad1Res res = new Kad1Res(TARGET, List.of(self));
    assertArrayEquals(cat(TARGET_WIRE, "01", c1), res.encode());

    Kad1BootstrapRes boot = new Kad1BootstrapRes(List.of(self));
    assertArrayEquals(cat("0100", c1), boot.encode());

    Kad1SearchReq source = new Kad1SearchReq(TARGET, 1, Optional.empty());
    assertArrayEquals(cat(TARGET_WIRE, "01"), source.encode());
    assertTrue(((Kad1SearchReq) decode(0x07, cat(TARGET_WIRE, "01")).value()).isSourceSearch());
    Kad1SearchReq keyword = (Kad1SearchReq) decode(0x07, cat(TARGET_WIRE, "01", "01 0300 666F6F")).value();
    assertEquals(Optional.of(new StringTerm("foo")), keyword.expression());

    Kad1SearchRes sres = new Kad1SearchRes(TARGET, List.of());
    assertArrayEquals(cat(TARGET_WIRE, "0000"), sres.encode());

    assertArrayEquals(cat(TARGET_WIRE, OWN_WIRE), new Kad1SearchNotesReq(TARGET, OWN).encode());
    assertArrayEquals(cat(TARGET_WIRE, OWN_WIRE, "00"), new Kad1PublishNotesReq(TARGET, OWN, TagList.EMPTY).encode());
    assertArrayEquals(cat(TARGET_WIRE, "0000"), new Kad1PublishReq(TARGET, List.of()).encode());
  }

  @Test
  void unknownOpcodesDecodeToAnUnknownValue() throws Exception {
    for (int op : new int[] {0x00, 0x21, 0x60, 0xFF}) {
      KadMessage m = Messages.decode(op, hex("DEADBEEF"));
      Unknown u = assertInstanceOf(Unknown.class, m);
      assertEquals(op, u.opcode());
      assertArrayEquals(hex("DEADBEEF"), u.encode());
    }
  }
}
