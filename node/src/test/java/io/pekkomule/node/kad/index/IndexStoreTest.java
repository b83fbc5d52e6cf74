package io.pekkomule.node.kad.index;

import static io.pekkomule.node.kad.KadFixtures.dest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.index.IndexStore.Kind;
import io.pekkomule.node.kad.index.IndexStore.Outcome;
import io.pekkomule.node.kad.index.IndexStore.Reason;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.search.BoolExpr;
import io.pekkomule.protocol.search.NumericOp;
import io.pekkomule.protocol.search.NumericTerm;
import io.pekkomule.protocol.search.StringTerm;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexStoreTest {
  static final long T = 1_700_000_000_000L;
  static final AddressKey P1 = new AddressKey(AddressFamily.I2P, 1);
  static final AddressKey P2 = new AddressKey(AddressFamily.I2P, 2);
  static final KadId KEY = KeywordHasher.hash("ubuntu");

  static KadId file(int n) {
    return new KadId(0x1000L + n, n);
  }

  static TaggedEntry kwEntry(int n, String name, long size) {
    return new TaggedEntry(file(n), TagList.of(new StringTag(TagName.FILENAME, name),
        new IntTag(TagName.FILESIZE, size), new IntTag(TagName.SOURCES, 3)));
  }

  static TaggedEntry kw(int n) {
    return kwEntry(n, "ubuntu-" + n + ".iso", 1000 + n);
  }

  static TagList source(int destHash, boolean complete) {
    return TagList.of(new IntTag(TagName.SOURCETYPE, 1),
        new AddressTag(TagName.SOURCEDEST, dest(destHash)),
        new IntTag(TagName.FLAGS, complete ? 1 : 0), new IntTag(TagName.FILESIZE, 4242));
  }

  static AddressKey pub(int i) {
    return new AddressKey(AddressFamily.I2P, i);
  }

  // ------------------------------------------------------------------ keywords

  @Test
  void keywordNeedsSizeNameAndAnExtraTag() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    TaggedEntry onlyNameAndSize = new TaggedEntry(file(1), TagList.of(
        new StringTag(TagName.FILENAME, "ubuntu.iso"), new IntTag(TagName.FILESIZE, 5)));
    assertEquals(Reason.INVALID, s.publishKeyword(P1, KEY, onlyNameAndSize, T).reason(),
        "spec §16.8: at least one tag besides name and size");
    assertEquals(Reason.INVALID, s.publishKeyword(P1, KEY, kwEntry(2, "ubuntu.iso", 0), T).reason(),
        "size 0");
    TaggedEntry noName = new TaggedEntry(file(3), TagList.of(new IntTag(TagName.FILESIZE, 5),
        new IntTag(TagName.SOURCES, 1)));
    assertEquals(Reason.INVALID, s.publishKeyword(P1, KEY, noName, T).reason());
    Outcome ok = s.publishKeyword(P1, KEY, kwEntry(4, "ubuntu.iso", 5), T);
    assertEquals(Reason.STORED, ok.reason());
    assertEquals(1, ok.load(), "first file of a new keyword: load 1 as iMule");
    assertEquals(1, s.size(Kind.KEYWORD));
  }

  @Test
  void keywordEntryMustCarryTheKeywordInItsName() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    assertEquals(Reason.MALFORMED,
        s.publishKeyword(P1, KEY, kwEntry(1, "debian-12.iso", 5), T).reason(),
        "published under 'ubuntu' but the name has no such word");
    assertEquals(Reason.STORED,
        s.publishKeyword(P1, KEY, kwEntry(2, "Ubuntu_Desktop.ISO", 5), T).reason(),
        "case-insensitive, delimiter-split");
  }

  @Test
  void keywordLoadAndPerKeywordBoundsAtTheirBoundaries() {
    // 10 files per keyword, refresh refused above 8
    IndexLimits l = IndexLimits.IMULE.withCapacities(1_000, 10, 8, 1000, 150, 1_000);
    IndexStore s = new IndexStore(l);
    for (int i = 0; i <= 10; i++) { // iMule refuses only when the count already exceeds the bound
      Outcome o = s.publishKeyword(P1, KEY, kw(i), T);
      assertEquals(Reason.STORED, o.reason(), "file " + i);
      assertEquals(i == 0 ? 1 : i * 100 / 10, o.load());
    }
    assertEquals(11, s.size(Kind.KEYWORD));
    Outcome hot = s.publishKeyword(P1, KEY, kw(11), T);
    assertEquals(Reason.HOT, hot.reason());
    assertEquals(100, hot.load());
    // refresh of a listed file is refused above 8 files (iMule: KADEMLIAMAXINDEX - 5000)
    assertEquals(Reason.HOT, s.publishKeyword(P1, KEY, kw(3), T).reason());

    IndexStore t = new IndexStore(l);
    for (int i = 0; i <= 8; i++) {
      t.publishKeyword(P1, KEY, kw(i), T);
    }
    assertEquals(Reason.HOT, t.publishKeyword(P1, KEY, kw(3), T).reason(), "9 files > 8");
    IndexStore u = new IndexStore(l);
    for (int i = 0; i <= 7; i++) {
      u.publishKeyword(P1, KEY, kw(i), T);
    }
    Outcome refresh = u.publishKeyword(P1, KEY, kw(3), T + 1000);
    assertEquals(Reason.REFRESHED, refresh.reason(), "8 files: refresh still taken");
    assertEquals(80, refresh.load());
    assertEquals(8, u.size(Kind.KEYWORD));
  }

  @Test
  void globalKeywordBoundRefusesWithLoad100() {
    IndexLimits l = IndexLimits.IMULE.withCapacities(5, 1000, 900, 1000, 150, 1000);
    IndexStore s = new IndexStore(l);
    for (int i = 0; i <= 5; i++) { // total > 5 refuses: the 7th
      KadId key = KeywordHasher.hash("word" + i);
      assertTrue(s.publishKeyword(P1, key, kwEntry(i, "word" + i + ".avi", 9), T).stored());
    }
    Outcome full = s.publishKeyword(P1, KeywordHasher.hash("other"),
        kwEntry(9, "other.avi", 9), T);
    assertEquals(Reason.FULL, full.reason());
    assertEquals(100, full.load());
  }

  @Test
  void keywordLifetimeIs24HoursAndRepublishingExtendsIt() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    s.publishKeyword(P1, KEY, kw(1), T);
    long day = Duration.ofHours(24).toMillis();
    assertEquals(1, s.searchKeyword(KEY, Optional.empty(), 0, T + day).size(), "alive at 24 h");
    assertTrue(s.holds(Kind.KEYWORD, KEY, file(1), T + day));
    assertEquals(0, s.searchKeyword(KEY, Optional.empty(), 0, T + day + 1).size(), "gone after");
    IndexStore r = new IndexStore(IndexLimits.IMULE);
    r.publishKeyword(P1, KEY, kw(1), T);
    r.publishKeyword(P1, KEY, kw(1), T + day / 2);
    assertEquals(1, r.searchKeyword(KEY, Optional.empty(), 0, T + day + 1).size());
    assertEquals(1, r.size(Kind.KEYWORD), "a republication replaces");
  }

  @Test
  void cleanupSweepsAtMostEvery30MinutesButExpiredEntriesAreNeverServed() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    s.publishKeyword(P1, KEY, kw(1), T); // first operation sweeps, next sweep at T + 30 min
    long day = Duration.ofHours(24).toMillis();
    assertEquals(0, s.clean(T + day), "not yet expired");
    assertEquals(1, s.clean(T + day + 1));
    assertEquals(0, s.size(Kind.KEYWORD));
    assertEquals(0, s.heldBy(P1, Kind.KEYWORD), "the publisher's share is released");
  }

  @Test
  void keywordSearchAppliesTheExpressionStartPositionAndResultLimit() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    s.publishKeyword(P1, KEY, kwEntry(1, "ubuntu desktop amd64.iso", 100), T);
    s.publishKeyword(P1, KEY, kwEntry(2, "ubuntu server amd64.iso", 5000), T);
    s.publishKeyword(P1, KEY, kwEntry(3, "ubuntu server arm64.iso", 50), T);
    assertEquals(3, s.searchKeyword(KEY, Optional.empty(), 0, T).size());
    List<TaggedEntry> server = s.searchKeyword(KEY, Optional.of(BoolExpr.and(
        new StringTerm("ubuntu"), new StringTerm("server"))), 0, T);
    assertEquals(List.of(file(2), file(3)), server.stream().map(TaggedEntry::id).toList());
    List<TaggedEntry> big = s.searchKeyword(KEY, Optional.of(BoolExpr.and(new StringTerm("server"),
        new NumericTerm(NumericOp.GREATER, TagName.FILESIZE, 100))), 0, T);
    assertEquals(List.of(file(2)), big.stream().map(TaggedEntry::id).toList());
    assertEquals(List.of(file(3)), s.searchKeyword(KEY, Optional.of(
        BoolExpr.andNot(new StringTerm("server"), new StringTerm("amd64"))), 0, T)
        .stream().map(TaggedEntry::id).toList());
    assertEquals(1, s.searchKeyword(KEY, Optional.empty(), 2, T).size(), "skip 2 of 3");
    assertEquals(0, s.searchKeyword(KeywordHasher.hash("nothing"), Optional.empty(), 0, T).size());

    IndexStore many = new IndexStore(IndexLimits.IMULE);
    for (int i = 0; i < 305; i++) {
      many.publishKeyword(pub(i), KEY, kw(i), T);
    }
    assertEquals(300, many.searchKeyword(KEY, Optional.empty(), 0, T).size(), "iMule's 300");
    assertEquals(5, many.searchKeyword(KEY, Optional.empty(), 300, T).size());
  }

  @Test
  void onePublisherCannotFillTheIndex() {
    IndexLimits l = IndexLimits.IMULE.withCapacities(60_000, 50_000, 45_000, 1000, 150, 3);
    IndexStore s = new IndexStore(l);
    for (int i = 0; i < 3; i++) {
      assertTrue(s.publishKeyword(P1, KEY, kw(i), T).stored());
    }
    Outcome o = s.publishKeyword(P1, KEY, kw(3), T);
    assertEquals(Reason.PUBLISHER_QUOTA, o.reason());
    assertEquals(100, o.load(), "answered as a hot keyword, so an honest client backs off");
    assertTrue(s.publishKeyword(P1, KEY, kw(1), T + 5).stored(), "its own refresh still fits");
    assertTrue(s.publishKeyword(P2, KEY, kw(3), T).stored(), "other publishers unaffected");
    assertEquals(3, s.heldBy(P1, Kind.KEYWORD));
  }

  // ------------------------------------------------------------------ sources

  @Test
  void sourceNeedsSourceTypeAndAnAddressSourceDest() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    KadId f = file(1);
    assertEquals(Reason.INVALID, s.publishSource(P1, f, file(100), TagList.EMPTY,
        Optional.empty(), T).reason());
    assertEquals(Reason.INVALID, s.publishSource(P1, f, file(100),
        TagList.of(new IntTag(TagName.SOURCETYPE, 1)), Optional.empty(), T).reason(),
        "no SOURCEDEST");
    assertEquals(Reason.INVALID, s.publishSource(P1, f, file(100), TagList.of(
        new AddressTag(TagName.SOURCEDEST, dest(5))), Optional.empty(), T).reason(),
        "no SOURCETYPE: not a source");
    assertEquals(Reason.MALFORMED, s.publishSource(P1, f, file(100), TagList.of(
        new IntTag(TagName.SOURCETYPE, 1), new AddressTag(TagName.SOURCEDEST, dest(5)),
        new IntTag(TagName.FILESIZE, 0)), Optional.empty(), T).reason(), "size 0");
    Outcome ok = s.publishSource(P1, f, file(100), source(5, true),
        Optional.of(new AddressTag(TagName.SOURCEUDEST, dest(77))), T);
    assertEquals(Reason.STORED, ok.reason());
    assertEquals(1, ok.load());
    assertEquals(1, ok.counts().orElseThrow().total());
    assertEquals(1, ok.counts().orElseThrow().complete());
    TagList stored = s.searchSources(f, 0, T).get(0).tags();
    assertEquals(Optional.of(new AddressTag(TagName.SOURCEUDEST, dest(77))),
        stored.first(TagName.SOURCEUDEST), "the store adds SOURCEUDEST = sender");
  }

  @Test
  void sourcesDeduplicateByDestinationAndRecycleTheOldestAboveTheBound() {
    IndexLimits l = IndexLimits.IMULE.withCapacities(60_000, 50_000, 45_000, 4, 150, 5_000);
    IndexStore s = new IndexStore(l);
    KadId f = file(1);
    for (int i = 0; i <= 4; i++) { // 5 = bound + 1 accepted, as iMule (size > max recycles)
      Outcome o = s.publishSource(pub(i), f, file(100 + i), source(10 + i, i % 2 == 0),
          Optional.empty(), T + i);
      assertEquals(Reason.STORED, o.reason());
      assertEquals(i == 0 ? 1 : i * 100 / 4, o.load());
    }
    assertEquals(5, s.size(Kind.SOURCE));
    Outcome same = s.publishSource(pub(9), f, file(999), source(12, true), Optional.empty(), T + 9);
    assertEquals(Reason.REFRESHED, same.reason(), "same SOURCEDEST replaces");
    assertEquals(5, same.counts().orElseThrow().total());
    assertEquals(3, same.counts().orElseThrow().complete(), "sources 0, 2 (now 12 again), 4");
    Outcome recycled = s.publishSource(pub(20), f, file(200), source(40, false), Optional.empty(),
        T + 20);
    assertEquals(100, recycled.load());
    assertEquals(5, s.size(Kind.SOURCE), "oldest recycled");
    assertFalse(s.holds(Kind.SOURCE, f, file(100), T + 20), "the first one went");
    assertEquals(file(200), s.searchSources(f, 0, T + 20).get(0).id(), "newest first");
  }

  @Test
  void sourceLifetimeIsFiveHours() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    s.publishSource(P1, file(1), file(2), source(3, true), Optional.empty(), T);
    long five = Duration.ofHours(5).toMillis();
    assertEquals(1, s.searchSources(file(1), 0, T + five).size());
    assertEquals(0, s.searchSources(file(1), 0, T + five + 1).size());
  }

  // ------------------------------------------------------------------ notes

  @Test
  void notesAreStoredPerPublisherWithTheBound() {
    IndexLimits l = IndexLimits.IMULE.withCapacities(60_000, 50_000, 45_000, 1000, 3, 5_000);
    IndexStore s = new IndexStore(l);
    KadId f = file(1);
    TagList note = TagList.of(new StringTag(TagName.FILENAME, "x.avi"),
        new IntTag(TagName.FILERATING, 4));
    assertEquals(Reason.INVALID, s.publishNotes(P1, f, file(50), TagList.of(
        new IntTag(TagName.FILERATING, 4)), T).reason(), "a note needs a name");
    for (int i = 0; i <= 3; i++) {
      assertTrue(s.publishNotes(pub(i), f, file(50 + i), note, T).stored());
    }
    assertEquals(Reason.REFRESHED, s.publishNotes(pub(0), f, file(51), note, T + 1).reason(),
        "same publisher KadID replaces");
    assertEquals(4, s.searchNotes(f, T + 1).size());
    s.publishNotes(pub(7), f, file(57), note, T + 2);
    assertEquals(4, s.searchNotes(f, T + 2).size(), "bound + 1, oldest recycled");
    assertEquals(0, s.searchNotes(f, T + Duration.ofHours(24).toMillis() + 3).size());
  }

  @Test
  void tagCountIsBounded() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    Tag[] tags = new Tag[40];
    tags[0] = new StringTag(TagName.FILENAME, "ubuntu.iso");
    tags[1] = new IntTag(TagName.FILESIZE, 10);
    for (int i = 2; i < 40; i++) {
      tags[i] = new IntTag(0x60 + i, i);
    }
    assertEquals(Reason.MALFORMED,
        s.publishKeyword(P1, KEY, new TaggedEntry(file(1), TagList.of(tags)), T).reason());
  }
}
