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
  /** The mechanism's figures below are for this config (searches only, with NODE lookups). */
  static final CoverPlanner.Config OLD = new CoverPlanner.Config(12, 2, 0.4, 0.3);

  /** Cover plus own lookups per hour of a node whose user searches {@code ownPerHour} times. */
  static double totalPerHour(double ownPerHour, long seed) {
    CoverPlanner p = new CoverPlanner(OLD, new SplittableRandom(seed));
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
        if (p.fire()) {
          p.next();
          count++;
        }
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
    CoverPlanner p = new CoverPlanner(OLD, new SplittableRandom(4));
    for (int i = 0; i < 50; i++) {
      p.own(i * 1000L);
    }
    assertEquals(6.0, p.credit(), 1e-9, "credit holds at most half an hour of the target");
    int sent = 0;
    for (int i = 0; i < 12_000; i++) {
      if (p.fire()) {
        sent++;
      } else {
        p.own(0); // a busy user: every skipped firing is replaced again
      }
    }
    assertEquals(2.0 / 12, sent / 12_000.0, 0.01, "a busy user still gets the minimum share");
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

  @Test
  void theDefaultMixIsDataSearchesAndPublishesTopUpToTheTarget() {
    CoverPlanner p = new CoverPlanner(CoverPlanner.Config.DEFAULT, new SplittableRandom(5));
    Map<LookupType, Integer> mix = new EnumMap<>(LookupType.class);
    for (int i = 0; i < 10_000; i++) {
      mix.merge(p.next().type(), 1, Integer::sum);
    }
    assertEquals(0.6, mix.get(LookupType.KEYWORD) / 10_000.0, 0.02);
    assertEquals(0.4, mix.get(LookupType.FILE) / 10_000.0, 0.02);
    assertEquals(null, mix.get(LookupType.NODE), "node lookups are maintenance, not cover");
    assertEquals(8.0, p.publishRatePerHour(0), 1e-9, "24 lookups an hour: 8 phantom shares");
    // own publish lookups at 15 an hour, firings at 24: own plus cover average 24
    SplittableRandom r = new SplittableRandom(8);
    long t = 0;
    long nextFire = p.nextPublishGapMillis(0);
    long nextOwn = (long) (-Math.log(1 - r.nextDouble()) * H / 15);
    int own = 0;
    int cover = 0;
    while (t < 500 * H) {
      if (nextOwn < nextFire) {
        t = nextOwn;
        p.ownPublish(t);
        own++;
        nextOwn = t + (long) (-Math.log(1 - r.nextDouble()) * H / 15);
      } else {
        t = nextFire;
        if (p.firePublish()) {
          cover += CoverPlanner.LOOKUPS_PER_SHARE;
        }
        nextFire = t + p.nextPublishGapMillis(t);
      }
    }
    assertEquals(24.0, (own + cover) / 500.0, 0.6, "own " + own + " cover " + cover);
    for (int i = 0; i < 30; i++) {
      p.ownPublish(20_000 + i);
    }
    assertEquals(12.0, p.publishCredit(), 1e-9, "at most half an hour of the target");
    int keyword = 0;
    for (int i = 0; i < 3000; i++) {
      CoverPlanner.PublishCover c = p.nextPublish();
      if (c.kind() == RepublishScheduler.JobKind.KEYWORD) {
        keyword++;
        // consistent for whoever stores it: the key is the hash of a word of the name
        assertTrue(io.pekkomule.protocol.keyword.KeywordHasher.publishWords(c.file().name())
            .stream().map(io.pekkomule.protocol.keyword.KeywordHasher::hash)
            .anyMatch(c.target()::equals), c.file().name());
      } else {
        assertEquals(c.file().fileId(), c.target());
      }
      assertTrue(c.file().size() > 0);
    }
    assertEquals(2.0 / 3, keyword / 3000.0, 0.03);
  }

  @Test
  void publishCoverIsOffWithoutATarget() {
    CoverPlanner p = new CoverPlanner(OLD, new SplittableRandom(6));
    assertEquals(0.0, p.publishRatePerHour(0), 0);
    assertEquals(Long.MAX_VALUE, p.nextPublishGapMillis(0));
  }

  @Test
  void configuredCoverIsOnByDefaultAndBadValuesNameTheirKey() {
    CoverPlanner.Config c = CoverPlanner.Config.fromConfig(
        com.typesafe.config.ConfigFactory.load());
    assertEquals(12.0, c.targetPerHour(), 0);
    assertEquals(24.0, c.publishTargetPerHour(), 0);
    assertEquals(null, CoverPlanner.Config.fromConfig(com.typesafe.config.ConfigFactory
        .parseString("pekko-mule.kad.cover.enabled = off")
        .withFallback(com.typesafe.config.ConfigFactory.load())));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> CoverPlanner.Config.fromConfig(
            com.typesafe.config.ConfigFactory.parseString(
                "pekko-mule.kad.cover.min-searches-per-hour = 50")
                .withFallback(com.typesafe.config.ConfigFactory.load())));
    assertTrue(e.getMessage().contains("pekko-mule.kad.cover.min-searches-per-hour"),
        e.getMessage());
  }
}
