package io.pekkomule.node.shaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.contract.SyntheticPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shaper alarms on virtual time: each raises, holds between thresholds, clears; no false alarm. */
class ShaperAlarmsTest {
  private static final ShaperSettings S = ShaperSettings.defaults();
  private static final long MS = 1_000_000L;
  private static final long SEC = 1_000_000_000L;
  private static final SyntheticPeers PEERS = new SyntheticPeers(200);

  /** A shaper core, its alarms and a virtual clock driven tick by tick. */
  private static final class Rig {
    final ShaperMetrics metrics = new ShaperMetrics(new SimpleMeterRegistry());
    final ShaperCore core;
    final ShaperAlarms alarms;
    final List<ShaperAlarms.Transition> seen = new ArrayList<>();
    long now;

    Rig(ShaperSettings coreSettings, ShaperSettings configured, ShaperAlarms.Settings a,
        CoverGenerator cover) {
      core = new ShaperCore(coreSettings, 3, metrics, cover);
      alarms = new ShaperAlarms(a, configured, metrics, seen::add);
    }

    /** Runs to {@code until}, polling each 10 ms tick and calling {@code each} once per second. */
    void run(long until, java.util.function.LongConsumer eachSecond) {
      for (; now < until; now += 10 * MS) {
        if (now % SEC == 0) {
          eachSecond.accept(now);
        }
        while (core.poll(now) != null) {
          // sent
        }
        if (now % (10 * SEC) == 0 && now > 0) {
          alarms.evaluate(at(now));
        }
      }
    }

    Set<String> active() {
      return alarms.active().stream().map(ShaperAlarms.Active::alarm).collect(Collectors.toSet());
    }

    List<String> transitions() {
      return seen.stream().map(t -> (t.raised() ? "+" : "-") + t.alarm()).toList();
    }
  }

  private static Instant at(long nanos) {
    return Instant.EPOCH.plusNanos(nanos);
  }

  private static OutboundIntent intent(int peer, int op, UrgencyClass c, Duration deadline) {
    return new OutboundIntent(PEERS.get(peer), op, new byte[8], c, deadline, Origin.OTHER);
  }

  /** Interactive replies to many peers: well inside every cap. */
  private static void replies(Rig r, int perSecond, SplittableRandom rnd) {
    for (int i = 0; i < perSecond; i++) {
      r.core.offer(intent(rnd.nextInt(200), 0x13, UrgencyClass.INTERACTIVE,
          Duration.ofSeconds(25)), r.now);
    }
  }

  private static ShaperSettings withInteractive(ShaperSettings s, ShaperSettings.ClassProfile p) {
    EnumMap<UrgencyClass, ShaperSettings.ClassProfile> m = new EnumMap<>(s.classes());
    m.put(UrgencyClass.INTERACTIVE, p);
    return new ShaperSettings(s.privacyLevel(), m, s.shuffleBuffer(), s.maxQueued(),
        s.inputBuffer(), s.caps(), s.coverPerMinute(), s.constantRate(), s.slotsPerSecond(),
        s.tick());
  }

  private static final ShaperSettings NO_COVER = S.withCover(0);

  @Test
  void steadyTrafficAsConfiguredRaisesNothing() {
    Rig r = new Rig(NO_COVER, NO_COVER, ShaperAlarms.Settings.DEFAULTS, CoverGenerator.NONE);
    SplittableRandom rnd = new SplittableRandom(1);
    r.run(300 * SEC, t -> replies(r, 5, rnd));
    assertEquals(List.of(), r.transitions());
    // the KS statistic was computed and is small
    double ks = r.metrics.registry().find("shaper.delay.ks").tag("class", "interactive").gauge()
        .value();
    assertTrue(ks > 0 && ks < 1.36, "lambda " + ks);
  }

  @Test
  void delaysDriftingFromTheConfiguredLawRaiseAndClearDelayDrift() {
    // the core draws interactive delays from [1 s, 5 s] while the configured law says [0.2 s, 5 s]
    ShaperSettings.ClassProfile conf = S.classes().get(UrgencyClass.INTERACTIVE);
    ShaperSettings drifted = withInteractive(NO_COVER, new ShaperSettings.ClassProfile(
        Duration.ofSeconds(1), conf.ceiling(), conf.shapeA(), conf.shapeB(), conf.maxAge()));
    Rig r = new Rig(drifted, NO_COVER, ShaperAlarms.Settings.DEFAULTS, CoverGenerator.NONE);
    SplittableRandom rnd = new SplittableRandom(2);
    r.run(120 * SEC, t -> replies(r, 5, rnd));
    assertEquals(List.of("+delay_drift_interactive"), r.transitions());
    ShaperAlarms.Active a = r.alarms.active().get(0);
    assertTrue(a.value() >= 1.95, "lambda " + a.value());
    assertTrue(a.message().contains("KS D="), a.message());
    assertEquals(1.0, r.metrics.registry().find("shaper.alarm.active")
        .tag("alarm", "delay_drift_interactive").gauge().value());
    assertEquals(1.0, r.metrics.registry().find("shaper.alarms.raised")
        .tag("alarm", "delay_drift_interactive").counter().count());
  }

  @Test
  void driftClearsOnceTheWindowHoldsLawfulDelaysAgain() {
    ShaperSettings.ClassProfile conf = S.classes().get(UrgencyClass.INTERACTIVE);
    ShaperAlarms.Settings a = ShaperAlarms.Settings.DEFAULTS;
    ShaperMetrics metrics = new ShaperMetrics(new SimpleMeterRegistry());
    List<ShaperAlarms.Transition> seen = new ArrayList<>();
    ShaperAlarms alarms = new ShaperAlarms(a, NO_COVER, metrics, seen::add);
    DelayDistribution law = conf.distribution();
    SplittableRandom rnd = new SplittableRandom(4);
    long t = 0;
    // 30 checks of delays 2 s late, then lawful delays until the 256-delay window is clean again
    for (int check = 1; check <= 80; check++) {
      for (int i = 0; i < 20; i++) {
        long d = law.sample(rnd) + (check <= 30 ? 2 * SEC : 0);
        metrics.sampled(UrgencyClass.INTERACTIVE, d);
      }
      t += 10 * SEC;
      alarms.evaluate(at(t));
    }
    assertEquals(List.of("+delay_drift_interactive", "-delay_drift_interactive"),
        seen.stream().map(x -> (x.raised() ? "+" : "-") + x.alarm()).toList());
    assertTrue(seen.get(1).value() <= 1.36);
    assertEquals(0.0, metrics.registry().find("shaper.alarm.active")
        .tag("alarm", "delay_drift_interactive").gauge().value());
  }

  @Test
  void queueDepthHasHysteresis() {
    ShaperMetrics metrics = new ShaperMetrics(new SimpleMeterRegistry());
    AtomicInteger depth = new AtomicInteger();
    metrics.gauges(depth::get, () -> 0);
    ShaperSettings s = NO_COVER.withQueues(100, 100);
    List<ShaperAlarms.Transition> seen = new ArrayList<>();
    ShaperAlarms alarms = new ShaperAlarms(ShaperAlarms.Settings.DEFAULTS, s, metrics, seen::add);
    long t = 0;
    // one check above the threshold, one below: not persistent, no alarm
    for (int v : new int[] {60, 10, 60, 60, 10}) {
      depth.set(v);
      alarms.evaluate(at(t += 10 * SEC));
    }
    assertTrue(seen.isEmpty());
    // three in a row: raised on the third
    for (int i = 0; i < 3; i++) {
      depth.set(70);
      assertEquals(i < 2 ? 0 : 1, alarms.evaluate(at(t += 10 * SEC)).size());
    }
    assertEquals("queue_depth", seen.get(0).alarm());
    assertTrue(seen.get(0).raised());
    assertEquals(at(t), alarms.active().get(0).since());
    // between clear (25) and raise (50): stays raised however long
    for (int i = 0; i < 20; i++) {
      depth.set(40);
      alarms.evaluate(at(t += 10 * SEC));
    }
    assertEquals(1, seen.size());
    assertEquals(Set.of("queue_depth"), alarms.active().stream()
        .map(ShaperAlarms.Active::alarm).collect(Collectors.toSet()));
    // five clear checks and one at 40 again: still raised; then six clear checks: cleared
    for (int v : new int[] {5, 5, 5, 5, 5, 40, 5, 5, 5, 5, 5}) {
      depth.set(v);
      alarms.evaluate(at(t += 10 * SEC));
    }
    assertEquals(1, seen.size());
    depth.set(5);
    alarms.evaluate(at(t += 10 * SEC));
    assertEquals(2, seen.size());
    assertFalse(seen.get(1).raised());
    assertTrue(alarms.active().isEmpty());
  }

  @Test
  void expiringIntentsRaiseDeadlineDrops() {
    Rig r = new Rig(NO_COVER, NO_COVER, ShaperAlarms.Settings.DEFAULTS, CoverGenerator.NONE);
    SplittableRandom rnd = new SplittableRandom(5);
    // 5 replies a second, and one intent a second whose deadline is below the class floor
    r.run(60 * SEC, t -> {
      replies(r, 5, rnd);
      r.core.offer(intent(rnd.nextInt(200), 0x13, UrgencyClass.INTERACTIVE,
          Duration.ofMillis(100)), r.now);
    });
    assertTrue(r.active().contains("deadline_drops"), r.transitions().toString());
    assertFalse(r.active().contains("queue_drops"));
  }

  @Test
  void oneBusyPeerRaisesPeerCap() {
    Rig r = new Rig(NO_COVER, NO_COVER, ShaperAlarms.Settings.DEFAULTS, CoverGenerator.NONE);
    SplittableRandom rnd = new SplittableRandom(6);
    // REQs to one peer at 1/s against its cap of 15/min, beside lawful replies to others
    r.run(90 * SEC, t -> {
      replies(r, 2, rnd);
      r.core.offer(intent(0, 0x21, UrgencyClass.ROUTINE, Duration.ofSeconds(120)), r.now);
    });
    assertTrue(r.active().contains("peer_cap"), r.transitions().toString());
    assertFalse(r.active().contains("global_cap"));
  }

  @Test
  void coverBelowItsConfiguredRateRaisesCoverRate() {
    ShaperAlarms.Settings quick = new ShaperAlarms.Settings(true, Duration.ofSeconds(10), 6, 6, 3,
        6, new ShaperAlarms.Threshold(0.5, 0.25), new ShaperAlarms.Threshold(1, 0),
        new ShaperAlarms.Threshold(0.01, 0.001), 3, new ShaperAlarms.Threshold(0.25, 0.1),
        new ShaperAlarms.Threshold(0.05, 0.01), new ShaperAlarms.Threshold(2.0, 1.33), 256, 64,
        new ShaperAlarms.Threshold(1.95, 1.36));
    ShaperSettings cover = S.withCover(6);
    // the generator has nothing to offer: configured 6/min, observed 0
    Rig r = new Rig(cover, cover, quick, CoverGenerator.NONE);
    r.run(120 * SEC, t -> { });
    assertEquals(Set.of("cover_rate"), r.active());
    // a generator that always has an intent: on target, no alarm
    Rig ok = new Rig(cover, cover, quick,
        () -> java.util.Optional.of(intent(7, 0x21, UrgencyClass.OPPORTUNISTIC,
            Duration.ofSeconds(300))));
    ok.run(20 * 60 * SEC, t -> { });
    assertFalse(ok.active().contains("cover_rate"), ok.transitions().toString());
    // a shaper without a cover generator (run: cover is CoverLookups') is not checked
    ShaperMetrics m = new ShaperMetrics(new SimpleMeterRegistry());
    ShaperCore core = new ShaperCore(cover, 3, m, CoverGenerator.NONE);
    List<ShaperAlarms.Transition> seen = new ArrayList<>();
    ShaperAlarms unchecked = new ShaperAlarms(quick, cover, m, seen::add, false);
    for (long t = 0; t <= 120 * SEC; t += 10 * MS) {
      core.poll(t);
      if (t % (10 * SEC) == 0 && t > 0) {
        unchecked.evaluate(at(t));
      }
    }
    assertTrue(m.coverCount(ShaperMetrics.CoverOutcome.EMPTY) > 0, "cover slots came and went");
    assertEquals(List.of(), seen);
  }

  @Test
  void kolmogorovTailMatchesKnownQuantiles() {
    assertEquals(0.05, ShaperAlarms.kolmogorovP(1.358), 0.001);
    assertEquals(0.001, ShaperAlarms.kolmogorovP(1.949), 0.0002);
    assertEquals(1.0, ShaperAlarms.kolmogorovP(0.1));
    DelayDistribution law = S.distribution(UrgencyClass.ROUTINE);
    long[] exact = new long[100];
    for (int i = 0; i < 100; i++) {
      exact[i] = law.quantile((i + 0.5) / 100);
    }
    assertTrue(ShaperAlarms.ksStatistic(exact, law) <= 0.0051);
    long[] shifted = new long[100];
    for (int i = 0; i < 100; i++) {
      shifted[i] = exact[i] + 5 * SEC;
    }
    assertTrue(ShaperAlarms.ksStatistic(shifted, law) > 0.2);
  }

  @Test
  void settingsComeFromTheShippedConfigAndBadOnesSayWhich() {
    ShaperAlarms.Settings shipped = ShaperAlarms.Settings.fromConfig(ShaperSettings.defaultConfig());
    assertEquals(ShaperAlarms.Settings.DEFAULTS, shipped);
    ShaperConfigException e = assertThrows(ShaperConfigException.class, () ->
        ShaperAlarms.Settings.fromConfig(ConfigFactory.parseString(
            "pekko-mule.shaper.alarms.queue-depth { raise = 0.2, clear = 0.4 }")));
    assertTrue(e.getMessage().contains("queue-depth.clear"), e.getMessage());
  }
}
