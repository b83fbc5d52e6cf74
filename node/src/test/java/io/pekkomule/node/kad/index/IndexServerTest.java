package io.pekkomule.node.kad.index;

import static io.pekkomule.node.kad.KadFixtures.dest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.search.Packets;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.Kad2PublishKeyReq;
import io.pekkomule.protocol.msg.Kad2PublishNotesReq;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2SearchKeyReq;
import io.pekkomule.protocol.msg.Kad2SearchNotesReq;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import io.pekkomule.protocol.msg.Kad2SearchSourceReq;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.Messages;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.tag.TagName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexServerTest {
  static final long T = 1_700_000_000_000L;
  static final KadId SELF = new KadId(0x42, 0x42);
  static final AddressKey A = new AddressKey(AddressFamily.I2P, 9);

  static IndexServer server() {
    return new IndexServer(SELF, new IndexStore(IndexLimits.IMULE), PublishGate.defaults());
  }

  static SharedFile file(int i, String name) {
    return SharedFile.complete(new KadId(0x77, i), name, 1_000_000L + i);
  }

  @Test
  void searchesAreAlwaysAnsweredEmptyWhenNothingMatches() {
    IndexServer s = server();
    KadId key = KeywordHasher.hash("nothing");
    IndexServer.Served miss = s.serve(A, Optional.empty(), new Kad2SearchKeyReq(key, 0,
        Optional.empty()), T);
    assertEquals("miss", miss.outcome());
    assertEquals(List.of(new Kad2SearchRes(SELF, key, List.of())), miss.replies());
    assertEquals(1, s.serve(A, Optional.empty(), new Kad2SearchSourceReq(key, 0, 5), T)
        .replies().size());
    assertEquals(1, s.serve(A, Optional.empty(), new Kad2SearchNotesReq(key, 5), T)
        .replies().size());
  }

  @Test
  void keywordPublishIsAlwaysAcknowledgedAndFoundSplitAtTheDatagramLimit() {
    IndexServer s = server();
    KadId key = KeywordHasher.hash("summer");
    for (int round = 0; round < 2; round++) {
      List<SharedFile> files = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        int n = round * 150 + i;
        files.add(file(n, "Summer holiday video number " + n + " with a long descriptive name.mkv"));
      }
      List<Kad2PublishKeyReq> packets = Packets.publishKeyword(key, files);
      assertTrue(packets.size() > 1, "150 long names need more than one packet");
      for (Kad2PublishKeyReq p : packets) {
        assertTrue(payload(p) <= Framing.MAX_PAYLOAD);
        IndexServer.Served r = s.serve(new AddressKey(AddressFamily.I2P, 100 + round),
            Optional.empty(), p, T);
        assertEquals(1, r.replies().size());
        assertTrue(r.replies().get(0) instanceof Kad2PublishRes res && res.sourceCounts().isEmpty());
      }
    }
    IndexServer.Served hit = s.serve(A, Optional.empty(), new Kad2SearchKeyReq(key, 0,
        Optional.empty()), T + 1);
    assertEquals("hit", hit.outcome());
    int total = 0;
    for (KadMessage m : hit.replies()) {
      assertTrue(payload(m) <= Framing.MAX_PAYLOAD, "each SEARCH_RES fits one datagram");
      total += ((Kad2SearchRes) m).results().size();
    }
    assertEquals(300, total, "iMule's 300 results, over " + hit.replies().size() + " packets");
    assertTrue(hit.replies().size() >= 3);
    // an entry without the extra tag is not indexed, yet answered
    Kad2PublishKeyReq bad = new Kad2PublishKeyReq(KeywordHasher.hash("bare"), List.of(
        new io.pekkomule.protocol.msg.TaggedEntry(new KadId(1, 1), io.pekkomule.protocol.tag.TagList.of(
            new io.pekkomule.protocol.tag.StringTag(TagName.FILENAME, "bare.avi"),
            new io.pekkomule.protocol.tag.IntTag(TagName.FILESIZE, 4)))));
    IndexServer.Served refused = s.serve(A, Optional.empty(), bad, T);
    assertEquals("refused", refused.outcome());
    assertEquals(1, refused.replies().size());
  }

  @Test
  void floodedKeyIsGatedButStillAnsweredAsHot() {
    IndexServer s = server();
    KadId key = KeywordHasher.hash("flood");
    Kad2PublishKeyReq p = Packets.publishKeyword(key, List.of(file(1, "flood.avi"))).get(0);
    for (int i = 0; i < 8; i++) {
      assertEquals("stored", s.serve(A, Optional.empty(), p, T).outcome());
    }
    IndexServer.Served gated = s.serve(A, Optional.empty(), p, T);
    assertEquals("gated", gated.outcome());
    assertEquals(List.of(Kad2PublishRes.forKey(key, 100)), gated.replies());
  }

  @Test
  void sourcePublishAnsweredInTheImuleShapeOnlyWhenStored() {
    IndexServer s = server();
    SharedFile f = file(5, "x.iso");
    var req = Packets.publishSource(f, new KadId(3, 3), dest(0x55), 8);
    IndexServer.Served r = s.serve(A, Optional.of(new AddressTag(TagName.SOURCEUDEST, dest(0x66))),
        req, T);
    assertEquals("stored", r.outcome());
    assertEquals(List.of(Kad2PublishRes.forSource(f.fileId(), 1, 1, 1)), r.replies());
    var found = (Kad2SearchRes) s.serve(A, Optional.empty(),
        new Kad2SearchSourceReq(f.fileId(), 0, f.size()), T).replies().get(0);
    assertEquals(new KadId(3, 3), found.results().get(0).id());
    var invalid = new io.pekkomule.protocol.msg.Kad2PublishSourceReq(f.fileId(), new KadId(4, 4),
        io.pekkomule.protocol.tag.TagList.EMPTY);
    assertEquals(List.of(), s.serve(A, Optional.empty(), invalid, T).replies(), "no reply");
  }

  @Test
  void notesAreStoredButNeverAcknowledgedLikeImule() {
    IndexServer s = server();
    SharedFile f = file(6, "y.avi").withNotes(5, "great");
    Kad2PublishNotesReq n = Packets.publishNotes(f, new KadId(8, 8), 8);
    IndexServer.Served r = s.serve(A, Optional.empty(), n, T);
    assertEquals("stored", r.outcome());
    assertEquals(List.of(), r.replies());
    var found = (Kad2SearchRes) s.serve(A, Optional.empty(),
        new Kad2SearchNotesReq(f.fileId(), f.size()), T).replies().get(0);
    assertEquals(1, found.results().size());
    assertEquals(Optional.of("great"), found.results().get(0).tags().stringValue(TagName.DESCRIPTION));
  }

  static int payload(KadMessage m) {
    return Messages.encode(Overlay.IMULE_I2P, m, TagDialect.PLAIN).length;
  }
}
