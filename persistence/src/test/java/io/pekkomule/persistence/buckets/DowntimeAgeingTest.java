package io.pekkomule.persistence.buckets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.buckets.BucketEvent.AgedContact;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DowntimeAgeingTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /**
   * The population of the table in docs/persistence.md: 100 contacts, 20 each of class 0, 1 and 2,
   * 30 of class 3, 10 of class 4; no expiry left at shutdown.
   */
  static List<StoredContact> population() {
    List<StoredContact> out = new ArrayList<>();
    int[] perClass = {20, 20, 20, 30, 10};
    int seed = 1;
    for (int type = 0; type < perClass.length; type++) {
      for (int i = 0; i < perClass[type]; i++, seed++) {
        out.add(new StoredContact(TestValues.kadId(seed), TestValues.destination(seed), 8, 0, 0,
            type < 4, type, T0.minus(Duration.ofHours(6)), Optional.empty(), T0.minusSeconds(seed), false));
      }
    }
    return out;
  }

  /** Contacts per class 0..4 after the downtime, then the number removed. */
  static int[] histogram(List<StoredContact> contacts, Duration downtime, AgeingPolicy p) {
    DowntimeAgeing.Outcome o = DowntimeAgeing.age(contacts, T0, T0.plus(downtime), p);
    Map<KadId, Integer> type = new HashMap<>();
    contacts.forEach(c -> type.put(c.id(), c.type()));
    o.aged().forEach(a -> type.put(a.id(), a.type()));
    o.removed().forEach(type::remove);
    int[] h = new int[6];
    type.values().forEach(t -> h[t]++);
    h[5] = o.removed().size();
    return h;
  }

  @Test
  void decayTableOfTheDocs() {
    List<StoredContact> pop = population();
    AgeingPolicy p = AgeingPolicy.DEFAULT;
    StringBuilder table = new StringBuilder();
    for (long hours : new long[] {0, 1, 2, 4, 8, 12, 24, 36, 48, 72}) {
      int[] h = histogram(pop, Duration.ofHours(hours), p);
      table.append(String.format("| %3d h | %3d | %3d | %3d | %3d | %3d | %3d |%n",
          hours, h[0], h[1], h[2], h[3], h[4], h[5]));
    }
    System.out.print(table);
    // the table in docs/persistence.md, row by row: change both together
    assertEquals("""
        |   0 h |  20 |  20 |  20 |  30 |  10 |   0 |
        |   1 h |  20 |  20 |  20 |  30 |  10 |   0 |
        |   2 h |  20 |  20 |   9 |  27 |  24 |   0 |
        |   4 h |  11 |   9 |  19 |  10 |  51 |   0 |
        |   8 h |   0 |   5 |   9 |  10 |  76 |   0 |
        |  12 h |   0 |   0 |   0 |   9 |  91 |   0 |
        |  24 h |   0 |   0 |   0 |   0 |  77 |  23 |
        |  36 h |   0 |   0 |   0 |   0 |  25 |  75 |
        |  48 h |   0 |   0 |   0 |   0 |  25 |  75 |
        |  72 h |   0 |   0 |   0 |   0 |  25 |  75 |
        """, table.toString().replace("\r\n", "\n"));
    assertEquals(List.of(20, 20, 20, 30, 10, 0), asList(histogram(pop, Duration.ZERO, p)));
    int[] day = histogram(pop, Duration.ofHours(24), p);
    assertEquals(0, day[0] + day[1] + day[2] + day[3], "after a day every class has decayed to 4");
    int[] week = histogram(pop, Duration.ofDays(7), p);
    assertEquals(p.minKept(), week[4], "a week later only min-contacts-kept remain");
    assertEquals(100 - p.minKept(), week[5]);
  }

  private static List<Integer> asList(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  @Test
  void decayIsMonotoneAndGradual() {
    List<StoredContact> pop = population();
    AgeingPolicy p = AgeingPolicy.DEFAULT;
    int[] prev = histogram(pop, Duration.ZERO, p);
    for (int minutes = 15; minutes <= 7 * 24 * 60; minutes += 15) {
      int[] h = histogram(pop, Duration.ofMinutes(minutes), p);
      assertTrue(h[5] >= prev[5], "removals never undo at " + minutes + " min");
      assertTrue(h[5] - prev[5] <= 5, "at most 5 % of the table goes per quarter hour, at " + minutes);
      int healthyBefore = prev[0] + prev[1] + prev[2];
      int healthyNow = h[0] + h[1] + h[2];
      assertTrue(healthyNow <= healthyBefore, "classes only get worse");
      assertTrue(healthyBefore - healthyNow <= 8, "no cohort drops at once, at " + minutes);
      prev = h;
    }
  }

  @Test
  void withoutSpreadACohortMovesTogether() {
    List<StoredContact> pop = population();
    AgeingPolicy flat = new AgeingPolicy(AgeingPolicy.DEFAULT.dwell(), 0.0, 0);
    assertEquals(List.of(20, 20, 20, 30, 10, 0), asList(histogram(pop, Duration.ofHours(2).minusSeconds(1), flat)));
    // class 2 and class 3 dwell 2 h: after 2 h they moved up one class, class 4 stays 24 h
    assertEquals(List.of(20, 20, 0, 20, 40, 0), asList(histogram(pop, Duration.ofHours(2), flat)));
    assertEquals(List.of(0, 0, 0, 0, 0, 100), asList(histogram(pop, Duration.ofHours(35), flat)));
  }

  @Test
  void unexpiredTimeIsUsedUpFirst() {
    StoredContact withTimeLeft = new StoredContact(TestValues.kadId(1), TestValues.destination(1), 8, 0,
        0, true, 0, T0.minus(Duration.ofHours(5)), Optional.of(T0.plus(Duration.ofHours(2))), T0, false);
    AgeingPolicy flat = new AgeingPolicy(AgeingPolicy.DEFAULT.dwell(), 0.0, 0);
    assertEquals(0, DowntimeAgeing.classAfter(withTimeLeft, T0, Duration.ofHours(5).plusSeconds(59 * 60), flat));
    assertEquals(1, DowntimeAgeing.classAfter(withTimeLeft, T0, Duration.ofHours(6), flat));
  }

  @Test
  void outcomeIsDeterministicAndOrdered() {
    List<StoredContact> pop = population();
    var a = DowntimeAgeing.age(pop, T0, T0.plus(Duration.ofHours(30)), AgeingPolicy.DEFAULT);
    List<StoredContact> reversed = new ArrayList<>(pop);
    java.util.Collections.reverse(reversed);
    var b = DowntimeAgeing.age(reversed, T0, T0.plus(Duration.ofHours(30)), AgeingPolicy.DEFAULT);
    assertEquals(a, b);
    assertEquals(a.removed().stream().sorted().toList(), a.removed());
    assertEquals(a.aged().stream().sorted(java.util.Comparator.comparing(AgedContact::id)).toList(), a.aged());
  }

  @Test
  void factorStaysWithinTheSpread() {
    for (int i = 0; i < 10_000; i++) {
      double f = DowntimeAgeing.factor(TestValues.kadId(i), 0.25);
      assertTrue(f >= 0.75 && f < 1.25, "factor " + f);
    }
  }
}
