package io.pekkomule.node.kad.index;

import static io.pekkomule.node.kad.KadFixtures.dest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.search.Packets;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.Kad1PublishNotesReq;
import io.pekkomule.protocol.msg.Kad1PublishReq;
import io.pekkomule.protocol.msg.Kad1PublishRes;
import io.pekkomule.protocol.msg.Kad1SearchNotesReq;
import io.pekkomule.protocol.msg.Kad1SearchReq;
import io.pekkomule.protocol.msg.Kad1SearchRes;
import io.pekkomule.protocol.msg.Kad2PublishKeyReq;
import io.pekkomule.protocol.msg.Kad2PublishSourceReq;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.TagName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Kad1 SEARCH/PUBLISH served as iMule serves them (spec §7.4; KademliaUDPListener.cpp
 * ProcessSearchRequest, ProcessSearchNotesRequest, ProcessPublishRequest,
 * ProcessPublishNotesRequest; Indexed.cpp SendValid*Result with kad2 = false).
 */
class IndexServerKad1Test {
  static final long T = IndexServerTest.T;
  static final AddressKey A = IndexServerTest.A;

  static Kad1PublishReq keywordPublish(KadId key, SharedFile f) {
    Kad2PublishKeyReq k = Packets.publishKeyword(key, List.of(f)).get(0);
    return new Kad1PublishReq(k.keywordId(), k.entries());
  }

  static Kad1PublishReq sourcePublish(SharedFile f, KadId sourceId) {
    Kad2PublishSourceReq k = Packets.publishSource(f, sourceId, dest(0x55), 8);
    return new Kad1PublishReq(f.fileId(), List.of(new TaggedEntry(sourceId, k.tags())));
  }

  @Test
  void kad1KeywordPublishIsAcknowledgedPerEntryAndFoundByAKad1Search() {
    IndexServer s = IndexServerTest.server();
    KadId key = KeywordHasher.hash("winter");
    SharedFile f = IndexServerTest.file(1, "winter sports.avi");
    IndexServer.Served p = s.serve(A, Optional.empty(), keywordPublish(key, f), T);
    assertEquals("stored", p.outcome());
    assertEquals(1, p.replies().size());
    assertTrue(p.replies().get(0) instanceof Kad1PublishRes r && r.sourceCounts().isEmpty()
        && r.key().equals(key), "Kad1 PUBLISH_RES key · load: " + p.replies());

    IndexServer.Served hit = s.serve(A, Optional.empty(),
        new Kad1SearchReq(key, 0, Optional.empty()), T + 1);
    assertEquals("hit", hit.outcome());
    Kad1SearchRes res = (Kad1SearchRes) hit.replies().get(0);
    assertEquals(key, res.key());
    assertEquals(f.fileId(), res.results().get(0).id());

    // with an expression (restrictive != 0): filtered by the name as iMule filters
    IndexServer.Served match = s.serve(A, Optional.empty(), new Kad1SearchReq(key, 1,
        Optional.of(new io.pekkomule.protocol.search.StringTerm("sports"))), T + 1);
    assertEquals(1, ((Kad1SearchRes) match.replies().get(0)).results().size());
    IndexServer.Served noMatch = s.serve(A, Optional.empty(), new Kad1SearchReq(key, 1,
        Optional.of(new io.pekkomule.protocol.search.StringTerm("summer"))), T + 1);
    assertEquals("miss", noMatch.outcome());
    assertEquals(List.of(), noMatch.replies(), "iMule's Kad1 path sends nothing on a miss");
  }

  @Test
  void kad1SearchesAreNotAnsweredWhenNothingMatches() {
    IndexServer s = IndexServerTest.server();
    KadId key = KeywordHasher.hash("nothing");
    assertEquals(List.of(), s.serve(A, Optional.empty(),
        new Kad1SearchReq(key, 0, Optional.empty()), T).replies());
    assertEquals(List.of(), s.serve(A, Optional.empty(),
        new Kad1SearchReq(key, 1, Optional.empty()), T).replies());
    assertEquals(List.of(), s.serve(A, Optional.empty(),
        new Kad1SearchNotesReq(key, new KadId(1, 2)), T).replies());
  }

  @Test
  void kad1SourcePublishAnsweredInTheSourceShapeOnlyWhenStored() {
    IndexServer s = IndexServerTest.server();
    SharedFile f = IndexServerTest.file(5, "x.iso");
    IndexServer.Served r = s.serve(A,
        Optional.of(new AddressTag(TagName.SOURCEUDEST, dest(0x66))),
        sourcePublish(f, new KadId(3, 3)), T);
    assertEquals("stored", r.outcome());
    assertEquals(List.of(Kad1PublishRes.forSource(f.fileId(), 1, 1, 1)), r.replies());
    // restrictive != 0 without an expression: a source search
    IndexServer.Served found = s.serve(A, Optional.empty(),
        new Kad1SearchReq(f.fileId(), 1, Optional.empty()), T);
    assertEquals(new KadId(3, 3), ((Kad1SearchRes) found.replies().get(0)).results().get(0).id());
    // a source entry without its stream destination is refused: no reply
    TaggedEntry bare = new TaggedEntry(new KadId(4, 4), io.pekkomule.protocol.tag.TagList.of(
        new io.pekkomule.protocol.tag.IntTag(TagName.SOURCETYPE, 1)));
    IndexServer.Served refused = s.serve(A, Optional.empty(),
        new Kad1PublishReq(f.fileId(), List.of(bare)), T);
    assertEquals("refused", refused.outcome());
    assertEquals(List.of(), refused.replies());
  }

  @Test
  void kad1NotesAreStoredButNeverAcknowledged() {
    IndexServer s = IndexServerTest.server();
    SharedFile f = IndexServerTest.file(6, "y.avi").withNotes(5, "fine");
    var n2 = Packets.publishNotes(f, new KadId(8, 8), 8);
    IndexServer.Served r = s.serve(A, Optional.empty(),
        new Kad1PublishNotesReq(n2.fileId(), n2.sourceId(), n2.tags()), T);
    assertEquals("stored", r.outcome());
    assertEquals(List.of(), r.replies());
    IndexServer.Served found = s.serve(A, Optional.empty(),
        new Kad1SearchNotesReq(f.fileId(), new KadId(8, 8)), T);
    assertEquals(1, ((Kad1SearchRes) found.replies().get(0)).results().size());
  }

  @Test
  void kad1ResultsSplitAtTheDatagramLimit() {
    IndexServer s = IndexServerTest.server();
    KadId key = KeywordHasher.hash("autumn");
    for (int i = 0; i < 200; i++) {
      SharedFile f = IndexServerTest.file(i,
          "Autumn leaves video number " + i + " with a long descriptive name.mkv");
      s.serve(new AddressKey(AddressFamily.I2P, 100 + i), Optional.empty(),
          keywordPublish(key, f), T);
    }
    IndexServer.Served hit = s.serve(A, Optional.empty(),
        new Kad1SearchReq(key, 0, Optional.empty()), T + 1);
    assertTrue(hit.replies().size() > 1);
    int total = 0;
    for (KadMessage m : hit.replies()) {
      assertTrue(IndexServerTest.payload(m) <= Framing.MAX_PAYLOAD);
      total += ((Kad1SearchRes) m).results().size();
    }
    assertEquals(200, total);
  }

  @Test
  void floodedKad1PublishIsGated() {
    IndexServer s = IndexServerTest.server();
    KadId key = KeywordHasher.hash("flood");
    Kad1PublishReq p = keywordPublish(key, IndexServerTest.file(1, "flood.avi"));
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      outcomes.add(s.serve(A, Optional.empty(), p, T).outcome());
    }
    assertEquals("gated", outcomes.get(8), outcomes.toString());
    assertEquals(List.of(Kad1PublishRes.forKey(key, 100)),
        s.serve(A, Optional.empty(), p, T).replies());
  }
}
