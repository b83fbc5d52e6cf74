package io.pekkomule.persistence.buckets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.buckets.Reverification.ReverifyAt;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReverificationTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final ReverifyPolicy P = ReverifyPolicy.DEFAULT;

  private static List<KadId> ids(int n) {
    return IntStream.range(0, n).mapToObj(TestValues::kadId).toList();
  }

  @Test
  void windowGrowsWithTheTableWithinItsBounds() {
    assertEquals(Duration.ofMinutes(2), Reverification.window(1, P));
    assertEquals(Duration.ofMinutes(20), Reverification.window(200, P));
    assertEquals(Duration.ofMinutes(30), Reverification.window(5000, P));
  }

  @Test
  void everyContactOnceEachInItsOwnSlot() {
    List<KadId> ids = ids(200);
    List<ReverifyAt> s = Reverification.schedule(ids, NOW, new SplittableRandom(1), P);
    assertEquals(200, s.size());
    assertEquals(new HashSet<>(ids), new HashSet<>(s.stream().map(ReverifyAt::id).toList()));
    Instant start = NOW.plus(P.initialDelay());
    long slot = Reverification.window(200, P).toNanos() / 200;
    boolean[] used = new boolean[200];
    for (ReverifyAt a : s) {
      long off = Duration.between(start, a.due()).toNanos();
      assertTrue(off >= 0 && off < slot * 200, "inside the window: " + a);
      int k = (int) (off / slot);
      assertFalse(used[k], "one contact per slot");
      used[k] = true;
    }
    for (int i = 1; i < s.size(); i++) {
      assertFalse(s.get(i).due().isBefore(s.get(i - 1).due()), "ascending");
    }
  }

  @Test
  void orderIsShuffledAndJitterDiffersPerRun() {
    List<KadId> ids = ids(50);
    List<ReverifyAt> a = Reverification.schedule(ids, NOW, new SplittableRandom(1), P);
    List<ReverifyAt> b = Reverification.schedule(ids, NOW, new SplittableRandom(2), P);
    assertNotEquals(ids, a.stream().map(ReverifyAt::id).toList(), "not in the given order");
    assertNotEquals(a, b);
    assertEquals(a, Reverification.schedule(ids, NOW, new SplittableRandom(1), P), "seeded = repeatable");
  }

  @Test
  void noFixedSpacing() {
    List<ReverifyAt> s = Reverification.schedule(ids(100), NOW, new SplittableRandom(3), P);
    var gaps = new HashSet<Duration>();
    for (int i = 1; i < s.size(); i++) {
      gaps.add(Duration.between(s.get(i - 1).due(), s.get(i).due()));
    }
    assertTrue(gaps.size() > 90, "jittered gaps, not a metronome: " + gaps.size());
  }

  @Test
  void emptyInEmptyOut() {
    assertTrue(Reverification.schedule(List.of(), NOW, new SplittableRandom(1), P).isEmpty());
  }
}
