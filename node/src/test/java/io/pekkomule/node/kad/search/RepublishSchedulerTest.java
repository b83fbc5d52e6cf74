package io.pekkomule.node.kad.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.contract.HarnessResult;
import io.pekkomule.node.contract.RepublishHarness;
import io.pekkomule.node.kad.search.RepublishScheduler.Job;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RepublishSchedulerTest {
  static final long H = Duration.ofHours(1).toMillis();
  static final long MIN = Duration.ofMinutes(1).toMillis();

  static RepublishScheduler sched(long seed) {
    return new RepublishScheduler(RepublishScheduler.Config.DEFAULT, new SplittableRandom(seed));
  }

  static SharedFile file(int i, String name) {
    return SharedFile.complete(new KadId(7, i), name, 100 + i);
  }

  /** Takes the next job of a kind at the first time it is due (stepping a minute). */
  static Job await(RepublishScheduler s, JobKind k, long from, long until) {
    for (long t = from; t <= until; t += MIN / 4) {
      Optional<Job> j = s.next(k, t);
      if (j.isPresent()) {
        return j.get();
      }
    }
    throw new AssertionError("no " + k + " job by " + until);
  }

  @Test
  void keywordsOnlyAfterTheSourcePublishSucceeded() {
    RepublishScheduler s = sched(1);
    SharedFile f = file(1, "Holiday Pictures.zip");
    s.share(f, 0);
    Job src = await(s, JobKind.SOURCE, 0, 15 * MIN);
    assertEquals(f.fileId(), src.target());
    assertTrue(s.next(JobKind.KEYWORD, 24 * H).isEmpty(), "no keyword before the source");
    s.completed(src, false, -1, 20 * MIN);
    assertTrue(s.next(JobKind.KEYWORD, 48 * H).isEmpty(), "a failed source queues nothing");
    Job retry = await(s, JobKind.SOURCE, 20 * MIN, 20 * MIN + 40 * MIN);
    assertTrue(s.nextDue().isEmpty() || s.nextDue().getAsLong() > 0);
    s.completed(retry, true, 5, H);
    assertTrue(s.sourceSucceeded(f.fileId()));
    assertEquals(2, s.keywordItems(), "holiday, pictures (extension stripped)");
    Set<KadId> targets = new HashSet<>();
    targets.add(await(s, JobKind.KEYWORD, H, H + 15 * MIN).target());
    targets.add(await(s, JobKind.KEYWORD, H, H + 15 * MIN).target());
    assertEquals(Set.of(KeywordHasher.hash("holiday"), KeywordHasher.hash("pictures")), targets);
  }

  @Test
  void incompleteFilesPublishSourcesButNoKeywords() {
    RepublishScheduler s = sched(2);
    SharedFile f = new SharedFile(new KadId(1, 1), "partial movie.avi", 10, false,
        Optional.empty(), java.util.OptionalInt.empty(), Optional.empty());
    s.share(f, 0);
    Job src = await(s, JobKind.SOURCE, 0, 15 * MIN);
    s.completed(src, true, 0, MIN);
    assertEquals(0, s.keywordItems());
  }

  @Test
  void republishWindowsStayInsideTheStoredLifetime() {
    RepublishScheduler s = sched(3);
    s.share(file(1, "ab.bin"), 0); // no word of 3 bytes: no keyword items
    long t = firstDue(s, JobKind.SOURCE, 0);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int round = 0; round < 200; round++) {
      Job j = s.next(JobKind.SOURCE, t).orElseThrow();
      s.completed(j, true, 0, t);
      long next = firstDue(s, JobKind.SOURCE, t);
      min = Math.min(min, next - t);
      max = Math.max(max, next - t);
      t = next;
    }
    assertTrue(min >= (long) (0.5 * 5 * H), "never sooner than 0.5 x 5 h: " + min);
    assertTrue(max <= (long) (0.98 * 5 * H), "never later than the 5 h lifetime: " + max);
    assertTrue(max - min > H, "spread over the window: " + (max - min));
  }

  /** The first time (to the millisecond) a job of this kind is due, searching from {@code t}. */
  static long firstDue(RepublishScheduler s, JobKind k, long t) {
    long due = s.nextDue().orElseThrow();
    assertTrue(due >= t);
    return due;
  }

  @Test
  void keywordRoundsCarryAtMost150FilesAndRotate() {
    RepublishScheduler s = sched(4);
    for (int i = 0; i < 400; i++) {
      SharedFile f = file(i, "common name" + i + ".txt");
      s.share(f, 0);
      Job src = await(s, JobKind.SOURCE, 0, 15 * MIN);
      s.completed(src, true, 0, 15 * MIN);
    }
    KadId common = KeywordHasher.hash("common");
    Set<KadId> seen = new HashSet<>();
    long t = 15 * MIN;
    int rounds = 0;
    while (seen.size() < 400 && rounds < 3) {
      Job j;
      do {
        j = await(s, JobKind.KEYWORD, t, t + 30 * H);
        if (!j.target().equals(common)) {
          s.completed(j, true, 0, t);
        }
      } while (!j.target().equals(common));
      assertEquals(150, j.files().size());
      j.files().forEach(f -> seen.add(f.fileId()));
      s.completed(j, true, 0, t);
      t += 25 * H;
      rounds++;
    }
    assertEquals(400, seen.size(), "three rounds of 150 cover all 400 files");
  }

  @Test
  void hotKeywordsBackOffSevenDaysTimesLoad() {
    RepublishScheduler s = sched(5);
    SharedFile f = file(1, "hot.mp3");
    s.share(f, 0);
    s.completed(await(s, JobKind.SOURCE, 0, 15 * MIN), true, 0, 15 * MIN);
    Job kw = await(s, JobKind.KEYWORD, 15 * MIN, 40 * MIN);
    long done = 40 * MIN;
    s.completed(kw, true, 50, done);
    long due = done + (long) (Duration.ofDays(7).toMillis() * 0.5);
    assertTrue(s.next(JobKind.KEYWORD, due - 1).isEmpty());
    assertTrue(s.next(JobKind.KEYWORD, due).isPresent(), "3.5 days after a 50 % load");
    s.completed(kw, true, 20, due);
    assertFalse(s.next(JobKind.KEYWORD, due + 11 * H).isPresent(), "load 20 is not hot");
    assertTrue(s.next(JobKind.KEYWORD, due + 24 * H).isPresent());
  }

  @Test
  void sharingManyFilesSpreadsTheirFirstPublishes() {
    RepublishScheduler s = sched(6);
    for (int i = 0; i < 500; i++) {
      s.share(file(i, "f" + i + "abc.txt"), 0);
    }
    int firstMinute = 0;
    int total = 0;
    for (long t = 0; t <= 15 * MIN; t += 2000) {
      Optional<Job> j = s.next(JobKind.SOURCE, t);
      if (j.isPresent()) {
        total++;
        if (t < MIN) {
          firstMinute++;
        }
      }
    }
    assertTrue(total >= 400 && total <= 451, "one per 2 s step at most: " + total);
    assertTrue(firstMinute <= 31, "never a burst: " + firstMinute);
  }

  @Test
  void h6RepublishHasNoFixedPeriodAndTheFixedControlFails() {
    RepublishHarness h = new RepublishHarness(10, 60, 30);
    HarnessResult ok = h.h6Republish();
    System.out.println(ok.line());
    assertTrue(ok.pass(), ok.line());
    HarnessResult control = h.h6FixedControl();
    System.out.println(control.line() + " (negative control)");
    assertFalse(control.pass(), control.line());
  }
}
