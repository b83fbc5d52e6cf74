package io.pekkomule.protocol.msg;

import static io.pekkomule.protocol.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.frame.KadPacket;
import io.pekkomule.protocol.tag.AmuleTagName;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.TagList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * kad4 frames from two independent sources.
 *
 * <p>CAPTURED: sent by a real amuled 2.3.3 (Debian 1:2.3.3-3) in a network namespace, 198.51.100.1
 * UDP 4672 / TCP 4662, KadID AAAAAAAA000000000000000000000001, to a python probe at 203.0.113.4
 * UDP 4672 with KadID BBBBBBBB000000000000000000000002 (recipe: /work/shared/interop
 * amule_kad_ns.sh, probe in the interop harness); frames are shown after de-obfuscation. The probe
 * sent a plain HELLO_REQ, answered the HELLO_RES with an obfuscated HELLO_RES_ACK and sent REQs.
 *
 * <p>ORACLE: printed by protocol/src/test/python/amule_vectors.py from the shared interop recipes
 * kad2probe.py / kad2node.py (which build these layouts independently of this codebase).
 */
class AmuleGoldenVectorsTest {
  static final KadId AMULED = KadId.fromHex("AAAAAAAA000000000000000000000001");
  static final KadId PROBE = KadId.fromHex("BBBBBBBB000000000000000000000002");
  static final KadId OWN = KadId.fromHex("00112233445566778899AABBCCDDEEFF");
  static final KadId PEER = KadId.fromHex("0102030405060708090A0B0C0D0E0F10");
  static final KadId TARGET = KadId.fromHex("A0A1A2A3B0B1B2B3C0C1C2C3D0D1D2D3");
  static final Ipv4UdpEndpoint PROBE_AT = Ipv4UdpEndpoint.of("203.0.113.4", 4672, 4662);

  /** Decodes a whole kad4 frame and checks that re-encoding gives the same frame back. */
  static KadMessage roundTrip(String frameHex) throws Exception {
    byte[] frame = hex(frameHex);
    KadPacket p = Framing.decode(frame, Overlay.AMULE_KAD4);
    KadMessage m = AmuleMessages.decode(p.opcode(), p.payload());
    assertEquals(p.opcode(), Messages.opcodeOf(Overlay.AMULE_KAD4, m));
    assertArrayEquals(p.payload(), AmuleMessages.encode(m));
    assertArrayEquals(frame, Framing.encode(new KadPacket(p.opcode(), AmuleMessages.encode(m)), Overlay.AMULE_KAD4));
    return m;
  }

  @Test
  void capturedHelloResAskingForAnAck() throws Exception {
    // e4 19 · id · tcp 4662 · version 8 · 1 tag: UINT8 (0x09), name u16 1 · 0xF2, value 0x06.
    KadMessage m = roundTrip("e419 aaaaaaaa000000000000000001000000 3612 08 01 09 0100 f2 06");
    AmuleHelloRes res = assertInstanceOf(AmuleHelloRes.class, m);
    assertEquals(new AmuleHelloRes(AMULED, 4662, 8, TagList.of(new IntTag(AmuleTagName.KADMISCOPTIONS, 6))), res);
    assertTrue(res.requestsAck());
    assertTrue(res.tcpFirewalled());
    assertFalse(res.udpFirewalled());
    assertEquals(OptionalInt.empty(), res.internalUdpPort());
    assertEquals(
        new KadContact(8, AMULED, Ipv4UdpEndpoint.of("198.51.100.1", 4672, 4662)),
        res.contactFrom(Ipv4UdpEndpoint.of("198.51.100.1", 4672)));
    assertEquals(res, AmuleHelloRes.of(AMULED, 4662, 8, OptionalInt.empty(), 0x06));
  }

  @Test
  void capturedHelloResOnceVerified() throws Exception {
    AmuleHelloRes res = assertInstanceOf(
        AmuleHelloRes.class, roundTrip("e419 aaaaaaaa000000000000000001000000 3612 08 01 09 0100 f2 02"));
    assertFalse(res.requestsAck());
    assertTrue(res.tcpFirewalled());
  }

  @Test
  void capturedResListingTheVerifiedProbe() throws Exception {
    KadMessage m = roundTrip(
        "e429 bbbbbbbb000000000000000002000000 01 bbbbbbbb000000000000000002000000 047100cb 4012 3612 08");
    assertEquals(new AmuleRes(PROBE, List.of(new KadContact(8, PROBE, PROBE_AT))), m);
    assertEquals(new AmuleRes(PROBE, List.of()), roundTrip("e429 bbbbbbbb000000000000000002000000 00"));
  }

  @Test
  void capturedBootstrapRes() throws Exception {
    KadMessage m = roundTrip(
        "e409 aaaaaaaa000000000000000001000000 3612 08 0100"
            + " bbbbbbbb000000000000000002000000 047100cb 4012 3612 08");
    assertEquals(new AmuleBootstrapRes(AMULED, 4662, 8, List.of(new KadContact(8, PROBE, PROBE_AT))), m);
  }

  @Test
  void capturedReqIs33Bytes() throws Exception {
    // amuled's own lookup: type 0x0B (FIND_NODE, 11 contacts), a target, the probe as receiver.
    byte[] frame = hex("e421 0b 6a024fa992ce00565ba0862111b33d4d bbbbbbbb000000000000000002000000");
    assertEquals(35, frame.length);
    Kad2Req req = assertInstanceOf(Kad2Req.class, roundTrip(HEXF.formatHex(frame)));
    assertEquals(11, req.requestedContacts());
    assertEquals(PROBE, req.receiverId());
    assertEquals(Optional.empty(), req.senderId());
  }

  @Test
  void capturedFirewalled2ReqPingAndPong() throws Exception {
    Kad2Firewalled2Req fw = assertInstanceOf(
        Kad2Firewalled2Req.class, roundTrip("e453 3612 a58f9c4b60cb0e70b13d9af8e66f8f0c 02"));
    assertEquals(4662, fw.tcpPort());
    assertEquals(0x02, fw.connectOptions());
    assertEquals(new Kad2Ping(), roundTrip("e460"));
    assertEquals(new AmulePong(4672), roundTrip("e461 4012"));
  }

  @Test
  void capturedHelloReqAsAmuleSendsIt() throws Exception {
    // amuled's periodic HELLO_REQ to a contact from its nodes.dat: one tag, KADMISCOPTIONS = 0x02
    // (TCP firewalled inside the namespace); no SOURCEUPORT (it uses its external port).
    KadMessage m = roundTrip("e411 aaaaaaaa000000000000000001000000 3612 08 01 09 0100 f2 02");
    assertEquals(AmuleHelloReq.of(AMULED, 4662, 8, OptionalInt.empty(), AmuleHello.MISC_TCP_FIREWALLED), m);
  }

  @Test
  void oracleHelloReqAsKad2probeSendsIt() throws Exception {
    AmuleHelloReq hello = AmuleHelloReq.of(OWN, 4662, 8, OptionalInt.empty(), 0);
    assertEquals(hello, roundTrip("e411 3322110077665544bbaa9988ffeeddcc 3612 08 00"));
    assertEquals(20, AmuleMessages.encode(hello).length);
  }

  @Test
  void helloReqWithInternalPortAndFirewallFlagsAsSendMyDetailsBuildsIt() throws Exception {
    // SendMyDetails: SOURCEUPORT (UINT16 0x08, name 0xFC) first, then KADMISCOPTIONS (UINT8, 0xF2).
    AmuleHelloReq hello = AmuleHelloReq.of(OWN, 4662, 8, OptionalInt.of(4673), 0x03);
    assertArrayEquals(
        hex("3322110077665544bbaa9988ffeeddcc 3612 08 02 08 0100 fc 4112 09 0100 f2 03"),
        AmuleMessages.encode(hello));
    assertEquals(OptionalInt.of(4673), hello.internalUdpPort());
    assertTrue(hello.udpFirewalled());
    assertEquals(
        Ipv4UdpEndpoint.of("198.51.100.9", 4673, 4662),
        hello.contactFrom(Ipv4UdpEndpoint.of("198.51.100.9", 50000)).endpoint());
  }

  @Test
  void oracleReqIs33BytesWithoutSenderId() throws Exception {
    Kad2Req req = new Kad2Req(Kad2Req.FIND_VALUE, TARGET, PEER, Optional.empty());
    assertEquals(req, roundTrip("e421 02 a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 04030201080706050c0b0a09100f0e0d"));
    assertEquals(33, AmuleMessages.encode(req).length);
  }

  @Test
  void oracleResWithTwoContacts() throws Exception {
    // kad2probe.parse_contacts reads these back as (OWN, 198.51.100.1, 4672, 4662, 8), (PEER, 203.0.113.4, 4673, 0, 9).
    AmuleRes res = new AmuleRes(TARGET, List.of(
        new KadContact(8, OWN, Ipv4UdpEndpoint.of("198.51.100.1", 4672, 4662)),
        new KadContact(9, PEER, Ipv4UdpEndpoint.of("203.0.113.4", 4673))));
    assertEquals(res, roundTrip(
        "e429 a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 02"
            + " 3322110077665544bbaa9988ffeeddcc 016433c6 4012 3612 08"
            + " 04030201080706050c0b0a09100f0e0d 047100cb 4112 0000 09"));
    assertEquals(17 + 2 * 25, AmuleMessages.encode(res).length);
    // A contact built without a TCP port is held as it reads back: TCP port 0.
    assertEquals(OptionalInt.of(0), ((Ipv4UdpEndpoint) res.contacts().get(1).endpoint()).tcpPort());
  }

  @Test
  void oraclePongCarriesThePort() throws Exception {
    assertEquals(new AmulePong(4672), roundTrip("e461 4012"));
  }

  @Test
  void publishResHasOnlyTheKeyShapeInKad4() throws Exception {
    Kad2PublishRes res = Kad2PublishRes.forKey(TARGET, 42);
    assertEquals(res, roundTrip("e44b a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 2a"));
    assertEquals(
        new Kad2PublishRes(TARGET, Optional.empty(), 42, OptionalInt.of(1)),
        roundTrip("e44b a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 2a 01"));
    assertEquals(OptionalInt.empty(), AmuleMessages.opcodeOf(Kad2PublishRes.forSource(TARGET, 3, 1, 0)));
  }

  @Test
  void firewalledResAndAck() throws Exception {
    AmuleFirewalledRes res = new AmuleFirewalledRes(Ipv4UdpEndpoint.of("203.0.113.4", 0).address());
    assertEquals(res, roundTrip("e458 047100cb"));
    assertEquals("AmuleFirewalledRes[203.0.113.4]", res.toString());
    assertEquals(new AmuleFirewalledAck(), roundTrip("e459"));
    assertEquals(new AmuleFirewalledReq(4662), roundTrip("e450 3612"));
    assertEquals(new Kad2FirewallUdp(0, 4672), roundTrip("e462 00 4012"));
  }

  @Test
  void searchAndPublishMessagesUseAmuleTagsAndExpressions() throws Exception {
    // SEARCH_SOURCE_REQ: file, start 0, size 123456.
    assertEquals(new Kad2SearchSourceReq(TARGET, 0, 123_456),
        roundTrip("e434 a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 0000 40e2010000000000"));
    assertEquals(new Kad2SearchNotesReq(TARGET, 123_456),
        roundTrip("e435 a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 40e2010000000000"));
    // SEARCH_RES with one result: FILENAME "a.ogg" (STRING 0x02, name 0x01), FILESIZE (UINT32, 0x02).
    Kad2SearchRes res = new Kad2SearchRes(PEER, TARGET, List.of(new TaggedEntry(OWN, TagList.of(
        new io.pekkomule.protocol.tag.StringTag(AmuleTagName.FILENAME, "a.ogg"),
        new IntTag(AmuleTagName.FILESIZE, 0x10000)))));
    assertEquals(res, roundTrip(
        "e43b 04030201080706050c0b0a09100f0e0d a3a2a1a0b3b2b1b0c3c2c1c0d3d2d1d0 0100"
            + " 3322110077665544bbaa9988ffeeddcc 02 02 0100 01 0500 612e6f6767 03 0100 02 00000100"));
  }

  private static final java.util.HexFormat HEXF = java.util.HexFormat.of();
}
