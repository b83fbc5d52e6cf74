package io.pekkomule.node.kad.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.search.Packets;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.msg.Kad2PublishSourceReq;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.tag.AmuleTagName;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Our source publish on kad4 in aMule's form: aMule stores a source only when it carries its
 * SOURCETYPE id (0xFF), and reads the TCP port from SOURCEPORT (0xFD); iMule's tag ids (SOURCETYPE
 * 0x54, FLAGS …) mean nothing to it, so before this the publish was silently dropped.
 */
class Kad4SourcePublishTest {
  static final KadId ME = KadId.fromHex("CD83EF9D4AAA55A33E63DDC4DB0394F1");
  static final KadId FILE = KadId.fromHex("EB87545A94F63D596E6079FE166FE3FE");
  static final KadId USER = KadId.fromHex("0123456789ABCDEF0123456789ABCDEF");
  static final KadIdentity SELF =
      KadIdentity.kad4(ME, Ipv4UdpEndpoint.of("203.0.113.4", 4672), 4662, 0x5EC12E7, 8);

  private static Kad2PublishSourceReq ours(long size) {
    // what the shared PublishPhase builds (no I2P destination on kad4), for a version-8 peer
    return Packets.publishSource(SharedFile.complete(FILE, "pekkomulekad.txt", size), USER, null,
        8);
  }

  @Test
  void sourcePublishCarriesAmulesTagsAndOurTcpPort() {
    Kad2PublishSourceReq k4 =
        (Kad2PublishSourceReq) KadDialect.AMULE_KAD4.adaptOutbound(ours(123_456), SELF);
    assertEquals(FILE, k4.fileId());
    assertEquals(USER, k4.sourceId());
    assertEquals(new TagList(List.of(
        new IntTag(AmuleTagName.SOURCETYPE, 1),
        new IntTag(AmuleTagName.SOURCEPORT, 4662),
        new IntTag(AmuleTagName.FILESIZE, 123_456),
        new IntTag(AmuleTagName.ENCRYPTION, 1))), k4.tags());
    assertFalse(k4.tags().first(TagName.FLAGS).isPresent(), "iMule's FLAGS has no aMule form");
  }

  @Test
  void aFileOverFourGibIsSourceType4() {
    long big = 5L << 30;
    Kad2PublishSourceReq k4 =
        (Kad2PublishSourceReq) KadDialect.AMULE_KAD4.adaptOutbound(ours(big), SELF);
    assertEquals(4, k4.tags().intValue(AmuleTagName.SOURCETYPE).orElseThrow());
    assertEquals(big, k4.tags().intValue(AmuleTagName.FILESIZE).orElseThrow());
  }

  @Test
  void itSurvivesTheKad4WireAndImuleIsUntouched() throws Exception {
    KadMessage k4 = KadDialect.AMULE_KAD4.adaptOutbound(ours(123_456), SELF);
    var codec = KadDialect.AMULE_KAD4.codec(SELF, new SplittableRandom(1));
    Ipv4UdpEndpoint peer = Ipv4UdpEndpoint.of("198.51.100.2", 4672);
    byte[] wire = codec.encode(k4, TagDialect.PLAIN, null, 0, peer);
    assertEquals(0xE4, wire[0] & 0xFF);
    assertEquals(0x44, wire[1] & 0xFF, "KADEMLIA2_PUBLISH_SOURCE_REQ");
    assertEquals(k4, codec.decode(wire, peer).message());
    Kad2PublishSourceReq imule = ours(1);
    assertSame(imule, KadDialect.IMULE.adaptOutbound(imule, SELF));
  }

  @Test
  void onlyKad4TakesTheKeyShapeAsASourceAck() {
    assertTrue(KadDialect.IMULE.sourceAckHasCounts());
    assertFalse(KadDialect.AMULE_KAD4.sourceAckHasCounts());
  }
}
