package io.pekkomule.node.kad.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.lookup.LookupType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoverPlannerTest {
  static final long H = Duration.ofHours(1).toMillis();

  /** Cover plus own lookups per hour of a node whose user searches {@code ownPerHour} times. */
  static double totalPerHour(double ownPerHour, long seed) {
    CoverPlanner p = new CoverPlanner(CoverPlanner.Config.DEFAULT, new SplittableRandom(seed));
    SplittableRandom r = new SplittableRandom(seed + 1);
    long t = 0;
    long nextCover = p.nextGapMillis(0);
    long nextOwn = ownPerHour == 0 ? Long.MAX_VALUE : (long) (-Math.log(1 - r.nextDouble()) * H / ownPerHour);
    long hours = 200;
    int count = 0;
    while (t < hours * H) {
      if (nextOwn < nextCover) {
        t = nextOwn;
        p.own(t);
        count++;
        nextOwn = t + (long) (-Math.log(1 - r.nextDouble()) * H / ownPerHour);
      } else {
        t = nextCover;
        p.next();
        count++;
        nextCover = t + p.nextGapMillis(t);
      }
    }
    return count / (double) hours;
  }

  @Test
  void routerAndClientStartAboutTheSameNumberOfLookups() {
    double router = totalPerHour(0, 1);
    double light = totalPerHour(4, 2);
    double heavy = totalPerHour(9, 3);
    assertTrue(Math.abs(router - light) / router < 0.15, router + " vs " + light);
    assertTrue(Math.abs(router - heavy) / router < 0.2, router + " vs " + heavy);
  }

  @Test
  void coverNeverStopsAndFollowsTheMix() {
    CoverPlanner p = new CoverPlanner(CoverPlanner.Config.DEFAULT, new SplittableRandom(4));
    for (int i = 0; i < 50; i++) {
      p.own(i * 1000L);
    }
    assertEquals(2.0, p.ratePerHour(50_000), 1e-9, "the minimum rate with a busy user");
    assertEquals(12.0, p.ratePerHour(50_000 + H), 1e-9, "an hour later the own searches aged out");
    Map<LookupType, Integer> mix = new EnumMap<>(LookupType.class);
    for (int i = 0; i < 10_000; i++) {
      mix.merge(p.next().type(), 1, Integer::sum);
    }
    assertEquals(0.4, mix.get(LookupType.KEYWORD) / 10_000.0, 0.02);
    assertEquals(0.3, mix.get(LookupType.FILE) / 10_000.0, 0.02);
    assertEquals(0.3, mix.get(LookupType.NODE) / 10_000.0, 0.02);
    long mean = H / 12;
    for (int i = 0; i < 1000; i++) {
      long g = p.nextGapMillis(3 * H);
      assertTrue(g >= mean / 10 - 1 && g <= 4 * mean, "bounded gap " + g);
    }
  }
}
