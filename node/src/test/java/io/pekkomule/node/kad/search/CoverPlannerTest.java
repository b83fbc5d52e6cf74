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
  }

  /** Real-looking names: {@code n} names of 2..5 words from a pool of {@code pool} words. */
  static java.util.List<io.pekkomule.node.kad.index.IndexStore.KeywordName> stored(int n,
      int pool, long seed) {
    String[] exts = {"avi", "mkv", "mp3", "pdf", ""};
    SplittableRandom r = new SplittableRandom(seed);
    java.util.List<io.pekkomule.node.kad.index.IndexStore.KeywordName> out =
        new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      java.util.List<String> ws = new java.util.ArrayList<>();
      int k = 2 + r.nextInt(4);
      while (ws.size() < k) {
        String w = "Word" + r.nextInt(pool);
        if (!ws.contains(w)) {
          ws.add(w);
        }
      }
      String ext = exts[r.nextInt(exts.length)];
      String name = String.join(i % 2 == 0 ? " " : "_", ws) + (ext.isEmpty() ? "" : "." + ext);
      // stored at us under its first word's keyword
      out.add(new io.pekkomule.node.kad.index.IndexStore.KeywordName(
          io.pekkomule.protocol.keyword.KeywordHasher.hash(ws.get(0)), name));
    }
    return out;
  }

  @Test
  void phantomNamesComeOnlyFromTheSuppliedVocabularyAndRepeatNoRealName() {
    var names = stored(200, 400, 11);
    java.util.Set<String> realWords = new java.util.HashSet<>();
    java.util.Set<String> realNames = new java.util.HashSet<>();
    java.util.Set<String> realExts = new java.util.HashSet<>();
    for (var n : names) {
      realWords.addAll(io.pekkomule.protocol.keyword.KeywordHasher.publishWords(n.name()));
      realNames.add(n.name());
      String stem = io.pekkomule.protocol.keyword.KeywordHasher.stripExtension(n.name());
      realExts.add(stem.length() < n.name().length() ? n.name().substring(stem.length() + 1) : "");
    }
    CoverPlanner.Vocabulary v = CoverPlanner.Vocabulary.of(names);
    assertTrue(v.usable(), v.distinctWords() + " words, " + v.names() + " names");
    CoverPlanner p = new CoverPlanner(CoverPlanner.Config.DEFAULT, new SplittableRandom(12));
    Map<Integer, Integer> lengths = new java.util.HashMap<>();
    for (int i = 0; i < 2000; i++) {
      SharedFile f = p.phantomShare(v).orElseThrow();
      java.util.List<String> words =
          io.pekkomule.protocol.keyword.KeywordHasher.publishWords(f.name());
      assertTrue(words.size() >= 2, f.name());
      assertTrue(realWords.containsAll(words), "only real words: " + f.name());
      assertTrue(!realNames.contains(f.name()), "a recombination, not a real name: " + f.name());
      String stem = io.pekkomule.protocol.keyword.KeywordHasher.stripExtension(f.name());
      assertTrue(realExts.contains(stem.length() < f.name().length()
          ? f.name().substring(stem.length() + 1) : ""), "a real extension: " + f.name());
      lengths.merge(words.size(), 1, Integer::sum);
    }
    // word counts follow the real names' (2..5, uniform here)
    for (int k = 2; k <= 5; k++) {
      assertEquals(0.25, lengths.getOrDefault(k, 0) / 2000.0, 0.05, "length " + k);
    }
  }

  @Test
  void noPhantomNameBelowTheVocabularyThreshold() {
    CoverPlanner p = new CoverPlanner(CoverPlanner.Config.DEFAULT, new SplittableRandom(13));
    assertTrue(p.phantomShare(CoverPlanner.Vocabulary.EMPTY).isEmpty(), "fresh node");
    // many words (90) from too few names (9)
    java.util.List<io.pekkomule.node.kad.index.IndexStore.KeywordName> few =
        new java.util.ArrayList<>();
    for (int i = 0; i < CoverPlanner.MIN_VOCABULARY_NAMES - 1; i++) {
      java.util.List<String> ws = new java.util.ArrayList<>();
      for (int j = 0; j < 10; j++) {
        ws.add("Word" + i + "x" + j);
      }
      few.add(new io.pekkomule.node.kad.index.IndexStore.KeywordName(
          io.pekkomule.protocol.keyword.KeywordHasher.hash(ws.get(0)), String.join(" ", ws)));
    }
    assertTrue(CoverPlanner.Vocabulary.of(few).distinctWords() >= CoverPlanner.MIN_VOCABULARY_WORDS);
    assertTrue(p.phantomShare(CoverPlanner.Vocabulary.of(few)).isEmpty(), "too few names");
    // many names over too few words (a pool of 15)
    CoverPlanner.Vocabulary small = CoverPlanner.Vocabulary.of(stored(100, 15, 15));
    assertTrue(small.distinctWords() < CoverPlanner.MIN_VOCABULARY_WORDS, "" + small.distinctWords());
    assertTrue(p.phantomShare(small).isEmpty(), "too few words");
    // the source-only stand-in still has a positive size (its name never leaves the node)
    assertTrue(p.phantomSource().size() > 0);
  }

  @Test
  void aKeywordStoredAtUsIsNeverUsed() {
    var names = new java.util.ArrayList<>(stored(200, 400, 16));
    // "Nearword" appears in many names, and some of them are stored at us under it
    for (int i = 0; i < 50; i++) {
      String n = "Nearword Other" + i + ".mkv";
      names.add(new io.pekkomule.node.kad.index.IndexStore.KeywordName(
          io.pekkomule.protocol.keyword.KeywordHasher.hash(i < 5 ? "nearword" : "other" + i), n));
    }
    CoverPlanner.Vocabulary v = CoverPlanner.Vocabulary.of(names);
    assertTrue(!v.contains("nearword"), "stored at us under it, so left out of every name");
    assertTrue(v.contains("other2"), "the other words stay");
    for (var n : names) {
      assertTrue(!v.contains(io.pekkomule.protocol.keyword.KeywordHasher.publishWords(n.name())
          .stream().filter(w -> io.pekkomule.protocol.keyword.KeywordHasher.hash(w).equals(n.key()))
          .findFirst().orElseThrow()), "the key an entry is stored under: " + n.name());
    }
    CoverPlanner p = new CoverPlanner(CoverPlanner.Config.DEFAULT, new SplittableRandom(17));
    java.util.Set<io.pekkomule.protocol.KadId> keys = new java.util.HashSet<>();
    names.forEach(n -> keys.add(n.key()));
    for (int i = 0; i < 3000; i++) {
      SharedFile f = p.phantomShare(v).orElseThrow();
      for (String w : io.pekkomule.protocol.keyword.KeywordHasher.publishWords(f.name())) {
        assertTrue(!keys.contains(io.pekkomule.protocol.keyword.KeywordHasher.hash(w)),
            "a keyword stored at us: " + f.name());
      }
    }
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
