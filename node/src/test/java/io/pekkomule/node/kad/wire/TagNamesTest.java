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
}
