package io.pekkomule.node.kad.search;

import static io.pekkomule.node.kad.search.RepublishSchedulerTest.H;
import static io.pekkomule.node.kad.search.RepublishSchedulerTest.MIN;
import static io.pekkomule.node.kad.search.RepublishSchedulerTest.await;
import static io.pekkomule.node.kad.search.RepublishSchedulerTest.file;
import static io.pekkomule.node.kad.search.RepublishSchedulerTest.sched;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.search.RepublishScheduler.Job;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Republishing resumes on the recorded schedule after a restart, not from scratch. */
class RepublishRestoreTest {

  @Test
  void recordedDuesAreKeptNotRedrawn() {
    RepublishScheduler first = sched(3);
    SharedFile f = file(1, "Holiday.zip");
    first.share(f, 0);
    Job src = await(first, JobKind.SOURCE, 0, 15 * MIN);
    first.completed(src, true, 5, 10 * MIN);
    long sourceNext = first.due(JobKind.SOURCE, f.fileId()).getAsLong();
    Job kw = await(first, JobKind.KEYWORD, 10 * MIN, 30 * MIN);
    first.completed(kw, true, 5, 30 * MIN);
    KadId holiday = KeywordHasher.hash("holiday");
    long keywordNext = first.due(JobKind.KEYWORD, holiday).getAsLong();
    assertTrue(sourceNext > 2 * H && keywordNext > 12 * H, sourceNext + " " + keywordNext);

    // restart one hour later with what the journal kept
    long restart = H + 10 * MIN;
    RepublishScheduler second = sched(99);
    assertTrue(second.restore(f, true, Map.of(JobKind.SOURCE, Map.of(f.fileId(), sourceNext),
        JobKind.KEYWORD, Map.of(holiday, keywordNext)), restart));
    assertFalse(second.restore(f, true, Map.of(), restart), "already shared");
    assertEquals(sourceNext, second.due(JobKind.SOURCE, f.fileId()).getAsLong());
    assertEquals(keywordNext, second.due(JobKind.KEYWORD, holiday).getAsLong());
    assertTrue(second.sourceSucceeded(f.fileId()));
    assertTrue(second.next(JobKind.SOURCE, sourceNext - 1).isEmpty(), "not republished early");
    assertEquals(f.fileId(), second.next(JobKind.SOURCE, sourceNext).orElseThrow().target());
    assertTrue(second.next(JobKind.KEYWORD, keywordNext - 1).isEmpty());
    assertEquals(holiday, second.next(JobKind.KEYWORD, keywordNext).orElseThrow().target());
  }

  @Test
  void overdueOrUnrecordedItemsGoOutInsideTheFirstWindow() {
    RepublishScheduler s = sched(4);
    SharedFile f = file(2, "Holiday.zip").withNotes(4, "nice");
    long now = 100 * H;
    s.restore(f, false, Map.of(JobKind.SOURCE, Map.of(f.fileId(), 5 * H)), now);
    long src = s.due(JobKind.SOURCE, f.fileId()).getAsLong();
    long notes = s.due(JobKind.NOTES, f.fileId()).getAsLong();
    assertTrue(src >= now + 10_000 && src <= now + 15 * MIN, "overdue: " + (src - now));
    assertTrue(notes >= now + 10_000 && notes <= now + 15 * MIN, "unrecorded: " + (notes - now));
    assertEquals(0, s.keywordItems(), "the source never went out: no keywords yet");
  }
}
