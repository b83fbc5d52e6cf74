package io.pekkomule.node.shaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.contract.SyntheticPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShaperCoreTest {
  private static final ShaperSettings S = ShaperSettings.defaults();
  private static final long MS = 1_000_000L;
  private static final long SEC = 1_000_000_000L;
  private static final SyntheticPeers PEERS = new SyntheticPeers(100);

  private static OutboundIntent intent(int peer, int op, UrgencyClass c, Duration deadline) {
    return new OutboundIntent(PEERS.get(peer), op, new byte[8], c, deadline, Origin.OTHER);
  }

  private static OutboundIntent reply(int peer) {
    return intent(peer, 0x13, UrgencyClass.INTERACTIVE, Duration.ofSeconds(25));
  }

  /** Polls every tick from {@code from} to {@code to}, collecting emissions. */
  private static List<Emission> drive(ShaperCore core, long from, long to) {
    List<Emission> out = new ArrayList<>();
    for (long t = from; t <= to; t += 10 * MS) {
      Emission e;
      while ((e = core.poll(t)) != null) {
        out.add(e);
      }
    }
    return out;
  }

  private static ShaperCore core(ShaperSettings s, long seed) {
    return new ShaperCore(s, seed, ShaperMetrics.inMemory(), CoverGenerator.NONE);
  }

  @Test
  void nothingLeavesBeforeTheFloorAndEverythingByTheCeiling() {
    ShaperCore core = core(S, 1);
    for (int i = 0; i < 50; i++) {
      assertTrue(core.offer(reply(i), 0));
    }
    long floor = S.classes().get(UrgencyClass.INTERACTIVE).floor().toNanos();
    long ceiling = S.classes().get(UrgencyClass.INTERACTIVE).ceiling().toNanos();
    assertTrue(drive(core, 0, floor - 1).isEmpty());
    List<Emission> out = drive(core, floor, ceiling);
    assertEquals(50, out.size());
    for (Emission e : out) {
      assertTrue(e.delayNanos() >= floor && e.delayNanos() <= ceiling);
    }
  }

  @Test
  void sameSeedSameDelaysOtherSeedOtherDelays() {
    long[] a = delays(7);
    long[] b = delays(7);
    long[] c = delays(8);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    assertFalse(java.util.Arrays.equals(a, c));
  }

  private static long[] delays(long seed) {
    ShaperCore core = core(S, seed);
    for (int i = 0; i < 20; i++) {
      core.offer(reply(i), 0);
    }
    return drive(core, 0, 6 * SEC).stream().mapToLong(Emission::scheduledNanos).sorted().toArray();
  }

  @Test
  void distributionInvertsItsCdf() {
    DelayDistribution d = S.distribution(UrgencyClass.ROUTINE);
    for (double u = 0.01; u < 1; u += 0.07) {
      assertEquals(u, d.cdf(d.quantile(u)), 1e-6);
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      long x = d.sampleAtMost(3 * SEC, r);
      assertTrue(x >= d.floorNanos() && x <= 3 * SEC);
    }
  }

  @Test
  void perPeerCapDefersHelloToOnePerMinuteAndNeverBursts() {
    ShaperCore core = core(S, 2);
    for (int i = 0; i < 4; i++) {
      core.offer(intent(0, 0x0F, UrgencyClass.ROUTINE, Duration.ofSeconds(120)), 0);
    }
    List<Emission> out = drive(core, 0, 200 * SEC);
    assertTrue(out.size() >= 2, "some sent within max-age");
    for (int i = 1; i < out.size(); i++) {
      assertTrue(out.get(i).emittedNanos() - out.get(i - 1).emittedNanos() >= 60 * SEC);
    }
  }

  @Test
  void capsDropPastDeadlineAndCountIt() {
    ShaperMetrics m = ShaperMetrics.inMemory();
    ShaperCore core = new ShaperCore(S, 4, m, CoverGenerator.NONE);
    for (int i = 0; i < 4; i++) {
      core.offer(intent(0, 0x0F, UrgencyClass.ROUTINE, Duration.ofSeconds(120)), 0);
    }
    List<Emission> out = drive(core, 0, 200 * SEC);
    assertEquals(4, out.size() + (long) m.droppedCount(ShaperMetrics.DropReason.DEADLINE));
    assertTrue(m.deferredCount(ShaperMetrics.DeferReason.PEER_CAP) >= 2);
    for (Emission e : out) {
      assertTrue(e.delayNanos() <= 120 * SEC);
    }
    assertEquals(0, core.queued());
  }

  @Test
  void unreachableDeadlineIsDroppedAtOnce() {
    ShaperMetrics m = ShaperMetrics.inMemory();
    ShaperCore core = new ShaperCore(S, 5, m, CoverGenerator.NONE);
    assertFalse(core.offer(intent(1, 0x13, UrgencyClass.INTERACTIVE, Duration.ofMillis(100)), 0));
    assertEquals(1, m.droppedCount(ShaperMetrics.DropReason.DEADLINE_UNREACHABLE));
    // a deadline inside the range truncates the draw instead
    assertTrue(core.offer(intent(1, 0x13, UrgencyClass.INTERACTIVE, Duration.ofMillis(900)), 0));
    List<Emission> out = drive(core, 0, 2 * SEC);
    assertEquals(1, out.size());
    assertTrue(out.get(0).delayNanos() <= 900 * MS);
  }

  @Test
  void boundedMemoryDropsWhenFull() {
    ShaperMetrics m = ShaperMetrics.inMemory();
    ShaperCore core = new ShaperCore(S.withQueues(16, 16), 6, m, CoverGenerator.NONE);
    for (int i = 0; i < 20; i++) {
      core.offer(reply(i), 0);
    }
    assertEquals(16, core.queued());
    assertEquals(4, m.droppedCount(ShaperMetrics.DropReason.QUEUE_FULL));
  }

  @Test
  void globalCapHoldsAcrossPeers() {
    ShaperSettings s = S.withCaps(S.caps().withGlobal(30));
    ShaperCore core = core(s, 9);
    for (int i = 0; i < 80; i++) {
      core.offer(reply(i), 0);
    }
    List<Emission> out = drive(core, 0, 30 * SEC);
    long inFirstMinute = out.stream().filter(e -> e.emittedNanos() < 60 * SEC).count();
    assertTrue(inFirstMinute <= 30, "global cap of 30/min, got " + inFirstMinute);
  }

  @Test
  void shufflePicksRandomlyAmongSimultaneouslyDueIntents() {
    // Everything is due by the time of the one poll; only the pick decides the order.
    int same = 0;
    int n = 100;
    ShaperSettings wide = ShaperSettings.fromConfig(com.typesafe.config.ConfigFactory
        .parseString("pekko-mule.shaper.shuffle-buffer = 256")
        .withFallback(ShaperSettings.defaultConfig()));
    ShaperCore random = core(wide, 11);
    ShaperCore fifo = new ShaperCore(wide, 11, ShaperMetrics.inMemory(), CoverGenerator.NONE, true);
    for (int i = 0; i < n; i++) {
      random.offer(reply(i), 0);
      fifo.offer(reply(i), 0);
    }
    long t = 10 * SEC;
    List<Emission> r = drive(random, t, t);
    List<Emission> f = drive(fifo, t, t);
    for (int i = 1; i < f.size(); i++) {
      assertTrue(f.get(i).seq() > f.get(i - 1).seq(), "fifo control keeps order");
    }
    for (int i = 1; i < r.size(); i++) {
      if (r.get(i).seq() > r.get(i - 1).seq()) {
        same++;
      }
    }
    assertTrue(same < 0.7 * r.size(), "random pick breaks order: " + same + "/" + r.size());
  }

  @Test
  void constantRateSendsOnePerSlotAndFillsEmptySlotsWithCover() {
    ShaperSettings s = ShaperSettings.fromConfig(com.typesafe.config.ConfigFactory
        .parseString("pekko-mule.shaper.privacy-level = maximum")
        .withFallback(ShaperSettings.defaultConfig()));
    assertTrue(s.constantRate());
    SplittableRandom r = new SplittableRandom(1);
    ShaperMetrics m = ShaperMetrics.inMemory();
    CoverGenerator cover = () -> Optional.of(intent(50 + r.nextInt(50), 0x11, UrgencyClass.ROUTINE,
        Duration.ofSeconds(60)));
    ShaperCore core = new ShaperCore(s, 12, m, cover);
    core.start(0);
    for (int i = 0; i < 10; i++) {
      core.offer(reply(i), 0);
    }
    List<Emission> out = drive(core, 0, 60 * SEC);
    long meanGap = Math.round(1e9 / s.slotsPerSecond());
    for (int i = 1; i < out.size(); i++) {
      assertTrue(out.get(i).emittedNanos() - out.get(i - 1).emittedNanos() >= meanGap / 2);
    }
    assertEquals(10, out.stream().filter(e -> !e.cover()).count());
    assertTrue(out.stream().filter(Emission::cover).count() > 60);
    assertTrue(out.stream().filter(Emission::cover)
        .allMatch(e -> e.intent().urgency() == UrgencyClass.OPPORTUNISTIC
            && e.intent().origin() == Origin.COVER));
  }

  @Test
  void coverPolicyQueuesOpportunisticIntents() {
    ShaperMetrics m = ShaperMetrics.inMemory();
    CoverGenerator cover = () -> Optional.of(intent(3, 0x1E, UrgencyClass.INTERACTIVE, Duration.ofMinutes(5)));
    ShaperCore core = new ShaperCore(S.withCover(6), 13, m, cover);
    core.start(0);
    List<Emission> out = drive(core, 0, 600 * SEC);
    assertTrue(m.coverCount(ShaperMetrics.CoverOutcome.QUEUED) >= 30);
    assertNotNull(out.isEmpty() ? null : out.get(0));
    // one PING a minute to that peer: the cap holds for cover too
    for (int i = 1; i < out.size(); i++) {
      assertTrue(out.get(i).emittedNanos() - out.get(i - 1).emittedNanos() >= 60 * SEC);
      assertEquals(UrgencyClass.OPPORTUNISTIC, out.get(i).intent().urgency());
    }
  }

  @Test
  void opcodeFamiliesFollowImule() {
    assertEquals(OpcodeFamily.HELLO, OpcodeFamily.of(0x03));
    assertEquals(OpcodeFamily.SEARCH, OpcodeFamily.of(0x07));
    assertEquals(OpcodeFamily.PUBLISH, OpcodeFamily.of(0x0C));
    assertEquals(OpcodeFamily.REPLY, OpcodeFamily.of(0x13));
    assertEquals(OpcodeFamily.OTHER, OpcodeFamily.of(0x20));
    assertEquals(0x11, OpcodeFamily.imuleTrackedOpcode(0x05));
    assertEquals(-1, OpcodeFamily.imuleTrackedOpcode(0x13));
  }
}
