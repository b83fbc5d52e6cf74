package io.pekkomule.node.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pekkomule.node.kad.search.PublicationJournal;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.persistence.index.Publication;
import io.pekkomule.persistence.index.PublicationKind;
import io.pekkomule.persistence.index.PublicationsState;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PublicationsStore#recover}: the stored state becomes the schedule the publisher resumes. */
class PublicationsStoreTest {
  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void filesSourcesThatWentOutAndEarliestDuePerItem() {
    KadId a = new KadId(1, 1);
    KadId b = new KadId(2, 2);
    KadId kw = new KadId(9, 9);
    SharedFile fa = SharedFile.complete(a, "holiday one.zip", 10).withNotes(3, "ok");
    SharedFile fb = SharedFile.complete(b, "holiday two.zip", 20);
    Publication srcA = new Publication(PublicationKind.SOURCE, a, a, T, Optional.of(T),
        T.plusSeconds(3600));
    Publication srcB = new Publication(PublicationKind.SOURCE, b, b, T, Optional.empty(),
        T.plusSeconds(60));
    Publication kwA = new Publication(PublicationKind.KEYWORD, kw, a, T, Optional.of(T),
        T.plusSeconds(7200));
    Publication kwB = new Publication(PublicationKind.KEYWORD, kw, b, T, Optional.of(T),
        T.plusSeconds(5000));
    PublicationsState s = new PublicationsState(
        Map.of(srcA.slot(), srcA, srcB.slot(), srcB, kwA.slot(), kwA, kwB.slot(), kwB),
        Map.of(a.toHex(), PublicationsStore.record(fa), b.toHex(), PublicationsStore.record(fb)));
    PublicationJournal.Recovered r = PublicationsStore.recover(s);
    assertEquals(java.util.List.of(fa, fb), r.files(), "files round-trip, sorted by id");
    assertEquals(Set.of(a), r.sourcePublished());
    assertEquals(T.plusSeconds(3600).toEpochMilli(), r.dues().get(JobKind.SOURCE).get(a));
    assertEquals(T.plusSeconds(5000).toEpochMilli(), r.dues().get(JobKind.KEYWORD).get(kw),
        "a keyword item is due at its earliest file");
  }
}
