package io.pekkomule.node.kad.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.search.RepublishScheduler.Job;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which PUBLISH_RES shape acknowledges a source: iMule's source-count shape on iMule, aMule's key
 * shape on kad4 (aMule answers every publish with {@code key · load}); before, a kad4 source
 * publish never counted as acknowledged, so the ordering rule never queued its keywords.
 */
class PublishPhaseTest {
  static final KadId FILE = KadId.fromHex("EB87545A94F63D596E6079FE166FE3FE");
  static final SharedFile F = SharedFile.complete(FILE, "pekkomulekad.txt", 123_456);

  private static PublishPhase phase(JobKind kind, boolean counts,
      AtomicReference<PublishPhase.Result> out) {
    return new PublishPhase(new Job(kind, FILE, List.of(F)), new KadId(1, 2), new KadId(3, 4),
        null, counts, out::set);
  }

  @Test
  void imuleSourceAckIsTheCountShape() {
    PublishPhase p = phase(JobKind.SOURCE, true, new AtomicReference<>());
    assertTrue(p.accepts(Kad2PublishRes.forSource(FILE, 3, 1, 5)));
    assertFalse(p.accepts(Kad2PublishRes.forKey(FILE, 5)));
  }

  @Test
  void kad4SourceAckIsTheKeyShapeAndCounts() {
    AtomicReference<PublishPhase.Result> out = new AtomicReference<>();
    PublishPhase p = phase(JobKind.SOURCE, false, out);
    Kad2PublishRes amule = Kad2PublishRes.forKey(FILE, 7);
    assertTrue(p.accepts(amule));
    assertFalse(p.accepts(Kad2PublishRes.forSource(FILE, 3, 1, 5)));
    p.published(amule);
    p.finished(null);
    assertEquals(1, out.get().acks());
    assertEquals(7, out.get().averageLoad());
  }

  @Test
  void keywordsAreTheKeyShapeOnBothOverlays() {
    for (boolean counts : new boolean[] {true, false}) {
      PublishPhase p = phase(JobKind.KEYWORD, counts, new AtomicReference<>());
      assertTrue(p.accepts(Kad2PublishRes.forKey(FILE, 1)));
      assertFalse(p.accepts(Kad2PublishRes.forSource(FILE, 3, 1, 5)));
    }
  }
}
