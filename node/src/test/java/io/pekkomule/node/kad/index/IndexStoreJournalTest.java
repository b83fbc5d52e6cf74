package io.pekkomule.node.kad.index;

import static io.pekkomule.node.kad.index.IndexStoreTest.KEY;
import static io.pekkomule.node.kad.index.IndexStoreTest.P1;
import static io.pekkomule.node.kad.index.IndexStoreTest.P2;
import static io.pekkomule.node.kad.index.IndexStoreTest.T;
import static io.pekkomule.node.kad.index.IndexStoreTest.file;
import static io.pekkomule.node.kad.index.IndexStoreTest.kw;
import static io.pekkomule.node.kad.index.IndexStoreTest.kwEntry;
import static io.pekkomule.node.kad.index.IndexStoreTest.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.index.IndexStore.Accepted;
import io.pekkomule.node.kad.index.IndexStore.Kind;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import io.pekkomule.protocol.tag.StringTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store's journal seam: what it accepted is reported, and recovered entries go back in. */
class IndexStoreJournalTest {

  @Test
  void acceptedAndRefreshedEntriesAreReportedRefusedOnesAreNot() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    List<Accepted> seen = new ArrayList<>();
    s.onAccepted(seen::add);
    s.publishKeyword(P1, KEY, kw(1), T);
    s.publishKeyword(P1, KEY, kwEntry(2, "ubuntu.iso", 0), T); // invalid: size 0
    s.publishKeyword(P1, KEY, kw(1), T + 1000); // refresh
    KadId f = file(9);
    s.publishSource(P2, f, file(10), source(5, true), Optional.empty(), T);
    s.publishSource(P2, f, file(11), TagList.EMPTY, Optional.empty(), T); // invalid
    s.publishNotes(P2, f, file(12), TagList.of(new StringTag(TagName.FILENAME, "a")), T);
    assertEquals(List.of(Kind.KEYWORD, Kind.KEYWORD, Kind.SOURCE, Kind.NOTES),
        seen.stream().map(Accepted::kind).toList());
    Accepted refresh = seen.get(1);
    assertEquals(KEY, refresh.key());
    assertEquals(file(1), refresh.entryId());
    assertEquals(T + 1000 + IndexLimits.IMULE.keywordLifetime().toMillis(), refresh.expires());
    assertEquals(P1, refresh.publisher());
    assertEquals(f, seen.get(2).key());
  }

  @Test
  void recoveredEntriesAreServedAgainAndExpiredOnesDropped() {
    IndexStore first = new IndexStore(IndexLimits.IMULE);
    List<Accepted> journal = new ArrayList<>();
    first.onAccepted(journal::add);
    first.publishKeyword(P1, KEY, kw(1), T);
    first.publishKeyword(P1, KEY, kw(2), T + 10);
    KadId f = file(9);
    first.publishSource(P2, f, file(10), source(5, true), Optional.empty(), T);

    long later = T + IndexLimits.IMULE.sourceLifetime().toMillis() - 1;
    IndexStore second = new IndexStore(IndexLimits.IMULE);
    int restored = 0;
    for (Accepted a : journal) {
      restored += second.restore(a, later) ? 1 : 0;
    }
    assertEquals(3, restored);
    assertTrue(second.holds(Kind.KEYWORD, KEY, file(1), later));
    assertTrue(second.holds(Kind.SOURCE, f, file(10), later));
    assertEquals(2, second.searchKeyword(KEY, Optional.empty(), 0, later).size());
    assertEquals(2, second.heldBy(P1, Kind.KEYWORD), "the publisher's share is counted again");
    assertEquals(1, second.searchSources(f, 0, later).size());

    long afterSources = T + IndexLimits.IMULE.sourceLifetime().toMillis() + 1;
    IndexStore third = new IndexStore(IndexLimits.IMULE);
    for (Accepted a : journal) {
      third.restore(a, afterSources);
    }
    assertFalse(third.holds(Kind.SOURCE, f, file(10), afterSources), "a source lives 5 h");
    assertTrue(third.holds(Kind.KEYWORD, KEY, file(2), afterSources), "a keyword lives 24 h");
    assertEquals(0, third.size(Kind.SOURCE));
    assertEquals(2, third.size(Kind.KEYWORD));
  }

  @Test
  void restoringTheSameSlotTwiceKeepsOneEntry() {
    IndexStore s = new IndexStore(IndexLimits.IMULE);
    List<Accepted> journal = new ArrayList<>();
    s.onAccepted(journal::add);
    s.publishKeyword(P1, KEY, kw(1), T);
    s.publishKeyword(P1, KEY, kw(1), T + 5);
    IndexStore r = new IndexStore(IndexLimits.IMULE);
    journal.forEach(a -> r.restore(a, T + 10));
    assertEquals(1, r.size(Kind.KEYWORD));
    assertEquals(1, r.heldBy(P1, Kind.KEYWORD));
  }
}
