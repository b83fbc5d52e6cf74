package io.pekkomule.node.kad.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pekkomule.node.kad.KadFixtures;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.AmuleTagName;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keyword-entry tags renamed by meaning between iMule's and aMule's name ids. */
class TagNamesTest {
  @Test
  void imuleEntryBecomesAmuleEntryByMeaning() {
    TagList imule = new TagList(List.of(
        new StringTag(TagName.FILENAME, "pekkomulekad.txt"),
        new IntTag(TagName.FILESIZE, 1234),
        new IntTag(TagName.SOURCES, 1),
        new IntTag(TagName.COMPLETE_SOURCES, 1),
        new IntTag(TagName.FLAGS, 1),
        new AddressTag(TagName.SOURCEUDEST, KadFixtures.ep(5).destination())));
    TagList amule = TagNames.rename(imule, Overlay.IMULE_I2P, Overlay.AMULE_KAD4);
    assertEquals(new TagList(List.of(
        new StringTag(AmuleTagName.FILENAME, "pekkomulekad.txt"),
        new IntTag(AmuleTagName.FILESIZE, 1234),
        new IntTag(AmuleTagName.SOURCES, 1),
        new IntTag(AmuleTagName.COMPLETE_SOURCES, 1))), amule,
        "FLAGS and destinations have no aMule form and are left out");
    assertEquals(0x01, AmuleTagName.FILENAME);
    // back again: what survived keeps its meaning
    assertEquals(new TagList(imule.tags().subList(0, 4)),
        TagNames.rename(amule, Overlay.AMULE_KAD4, Overlay.IMULE_I2P));
    assertSame(imule, TagNames.rename(imule, Overlay.IMULE_I2P, Overlay.IMULE_I2P));
  }

  @Test
  void kad4DialectRenamesOurPublishesOnlyAndImuleLeavesThemAlone() {
    io.pekkomule.protocol.KadId key = KadFixtures.id(0x42, 1);
    io.pekkomule.protocol.msg.Kad2PublishKeyReq ours = new io.pekkomule.protocol.msg.Kad2PublishKeyReq(
        key, List.of(new io.pekkomule.protocol.msg.TaggedEntry(KadFixtures.id(0x43, 1),
            new TagList(List.of(new StringTag(TagName.FILENAME, "a.txt"),
                new IntTag(TagName.FILESIZE, 9))))));
    assertSame(ours, KadDialect.IMULE.adaptOutbound(ours));
    io.pekkomule.protocol.msg.Kad2PublishKeyReq k4 =
        (io.pekkomule.protocol.msg.Kad2PublishKeyReq) KadDialect.AMULE_KAD4.adaptOutbound(ours);
    assertEquals(new TagList(List.of(new StringTag(AmuleTagName.FILENAME, "a.txt"),
        new IntTag(AmuleTagName.FILESIZE, 9))), k4.entries().get(0).tags());
    // a ping is not touched
    io.pekkomule.protocol.msg.KadMessage ping = KadDialect.AMULE_KAD4.ping();
    assertSame(ping, KadDialect.AMULE_KAD4.adaptOutbound(ping));
  }

  @Test
  void kad4DialectKeepsTheCoreOnImuleIdsBothWays() {
    io.pekkomule.protocol.KadId key = KadFixtures.id(0x42, 1);
    io.pekkomule.protocol.KadId file = KadFixtures.id(0x43, 1);
    KadDialect k4 = KadDialect.AMULE_KAD4;
    // an aMule publish enters the index under iMule ids
    var fromAmule = new io.pekkomule.protocol.msg.Kad2PublishKeyReq(key, List.of(
        new io.pekkomule.protocol.msg.TaggedEntry(file, new TagList(List.of(
            new StringTag(AmuleTagName.FILENAME, "x.avi"), new IntTag(AmuleTagName.FILESIZE, 7))))));
    var in = (io.pekkomule.protocol.msg.Kad2PublishKeyReq) k4.adaptInbound(fromAmule);
    assertEquals(new TagList(List.of(new StringTag(TagName.FILENAME, "x.avi"),
        new IntTag(TagName.FILESIZE, 7))), in.entries().get(0).tags());
    // and leaves it as a SEARCH_RES under aMule ids again
    var res = new io.pekkomule.protocol.msg.Kad2SearchRes(KadFixtures.id(0x01, 1), key,
        in.entries());
    var out = (io.pekkomule.protocol.msg.Kad2SearchRes) k4.adaptOutbound(res);
    assertEquals(fromAmule.entries(), out.results());
    // a size term of aMule's search expression is renamed too
    var expr = new io.pekkomule.protocol.search.BoolExpr(io.pekkomule.protocol.search.BoolOp.AND,
        new io.pekkomule.protocol.search.StringTerm("x"),
        new io.pekkomule.protocol.search.NumericTerm(io.pekkomule.protocol.search.NumericOp.GREATER,
            AmuleTagName.FILESIZE, 5));
    var search = (io.pekkomule.protocol.msg.Kad2SearchKeyReq) k4.adaptInbound(
        new io.pekkomule.protocol.msg.Kad2SearchKeyReq(key, 0, java.util.Optional.of(expr)));
    assertEquals(new io.pekkomule.protocol.search.NumericTerm(
        io.pekkomule.protocol.search.NumericOp.GREATER, TagName.FILESIZE, 5),
        ((io.pekkomule.protocol.search.BoolExpr) search.expression().orElseThrow()).right());
    // aMule has no source-count PUBLISH_RES
    assertEquals(io.pekkomule.protocol.msg.Kad2PublishRes.forKey(file, 3), k4.adaptOutbound(
        io.pekkomule.protocol.msg.Kad2PublishRes.forSource(file, 4, 2, 3)));
  }
}
