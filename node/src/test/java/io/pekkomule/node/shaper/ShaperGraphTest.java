package io.pekkomule.node.shaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.contract.SyntheticPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The materialized graph on virtual time (Pekko ManualTime): wiring, timers, caps, cover, stop.
 * ManualTime sleeps 100 ms of real time per advance, so steps are coarse. Virtual time only
 * moves when a test advances it, so a timestamp taken by the stage can only be
 * later than the virtual instant, never earlier: floor checks stay sound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShaperGraphTest {
  private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
  private static final ManualTime TIME = ManualTime.get(KIT.system());
  private static final ExplicitlyTriggeredScheduler SCHED =
      (ExplicitlyTriggeredScheduler) KIT.system().classicSystem().scheduler();
  private static final ShaperClock CLOCK = () -> SCHED.currentTimeMs() * 1_000_000L;
  private static final ShaperSettings S = ShaperSettings.defaults();
  private static final SyntheticPeers PEERS = new SyntheticPeers(10);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private record Started(Shaper shaper, RecordingTransport wire, ConcurrentLinkedQueue<Emission> sent) {
    /**
     * Advances virtual time in steps, giving the stream a moment of real time per step (a late
     * stage only stamps a later virtual time, never an earlier one); then waits, bounded, for
     * {@code expected} emissions in total.
     */
    List<Emission> advance(Duration total, Duration step, int expected) {
      for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plus(step)) {
        TIME.timePasses(step);
        LockSupport.parkNanos(3_000_000L);
      }
      long until = System.nanoTime() + 2_000_000_000L;
      while (sent.size() < expected && System.nanoTime() < until) {
        LockSupport.parkNanos(1_000_000L);
      }
      List<Emission> got = new ArrayList<>(sent);
      sent.clear();
      return got;
    }
  }

  private static Started start(ShaperSettings s, CoverGenerator cover) {
    RecordingTransport wire = new RecordingTransport(true, CLOCK);
    ConcurrentLinkedQueue<Emission> sent = new ConcurrentLinkedQueue<>();
    Shaper shaper = Shaper.builder(KIT.system(), s, wire).seed(42).clock(CLOCK).cover(cover)
        .probe(sent::add).start();
    return new Started(shaper, wire, sent);
  }

  /** Bounded wait until the stream has taken the offered intents in. */
  private static void awaitQueued(Started st, int n) {
    long until = System.nanoTime() + 2_000_000_000L;
    while (st.shaper().metrics().registry().get("shaper.queued").gauge().value() < n
        && System.nanoTime() < until) {
      LockSupport.parkNanos(1_000_000L);
    }
  }

  private static OutboundIntent intent(int peer, int op, UrgencyClass c, Duration deadline) {
    return new OutboundIntent(PEERS.get(peer), op, new byte[] {(byte) 0xE4, (byte) op}, c, deadline,
        Origin.LOOKUP);
  }

  @Test
  void holdsAnIntentForAtLeastTheFloorThenTransmitsIt() {
    Started st = start(S, CoverGenerator.NONE);
    assertTrue(st.shaper().input().offer(intent(0, 0x13, UrgencyClass.INTERACTIVE, Duration.ofSeconds(25))));
    awaitQueued(st, 1);
    // taken in from the input queue: held by the shaper, the input queue is empty again
    assertEquals(0.0, st.shaper().metrics().registry().get("shaper.input.queued").gauge().value());
    long t0 = CLOCK.nanoTime();
    ShaperSettings.ClassProfile p = S.classes().get(UrgencyClass.INTERACTIVE);
    assertTrue(st.advance(p.floor().minusMillis(20), p.floor().minusMillis(20), 0).isEmpty());
    assertEquals(0, st.wire().count());
    List<Emission> got = st.advance(p.ceiling(), Duration.ofMillis(500), 1);
    assertEquals(1, got.size());
    Emission e = got.get(0);
    assertTrue(e.emittedNanos() - t0 >= p.floor().toNanos());
    assertTrue(e.emittedNanos() - t0 <= p.ceiling().toNanos() + 510_000_000L);
    assertEquals(1, st.wire().count());
    assertEquals(0x13, st.wire().sent().get(0).datagram()[1]);
    st.shaper().stop();
  }

  @Test
  void capsDeferHellosToTheSamePeerAcrossVirtualMinutes() {
    Started st = start(S, CoverGenerator.NONE);
    for (int i = 0; i < 2; i++) {
      st.shaper().input().offer(intent(1, 0x0F, UrgencyClass.ROUTINE, Duration.ofSeconds(120)));
    }
    List<Emission> got = st.advance(Duration.ofSeconds(130), Duration.ofSeconds(10), 2);
    assertEquals(2, got.size());
    assertTrue(got.get(1).emittedNanos() - got.get(0).emittedNanos() >= 60_000_000_000L);
    assertTrue(got.get(1).deferrals() >= 1);
    assertTrue(st.shaper().metrics().deferredCount(ShaperMetrics.DeferReason.PEER_CAP) >= 1);
    st.shaper().stop();
  }

  @Test
  void unreachableDeadlineNeverReachesTheWire() {
    Started st = start(S, CoverGenerator.NONE);
    st.shaper().input().offer(intent(2, 0x13, UrgencyClass.INTERACTIVE, Duration.ofMillis(50)));
    awaitDropped(st);
    assertTrue(st.advance(Duration.ofSeconds(30), Duration.ofSeconds(15), 0).isEmpty());
    assertEquals(0, st.wire().count());
    assertEquals(1, st.shaper().metrics().droppedCount(ShaperMetrics.DropReason.DEADLINE_UNREACHABLE));
    st.shaper().stop();
  }

  private static void awaitDropped(Started st) {
    long until = System.nanoTime() + 2_000_000_000L;
    while (st.shaper().metrics().droppedCount(ShaperMetrics.DropReason.DEADLINE_UNREACHABLE) < 1
        && System.nanoTime() < until) {
      LockSupport.parkNanos(1_000_000L);
    }
  }

  @Test
  void coverIsMergedAsOpportunisticIntents() {
    CoverGenerator cover =
        () -> Optional.of(intent(3, 0x11, UrgencyClass.INTERACTIVE, Duration.ofMinutes(5)));
    Started st = start(S.withCover(30), cover);
    List<Emission> got = st.advance(Duration.ofMinutes(3), Duration.ofSeconds(15), 5);
    assertTrue(got.size() >= 5, "cover sent: " + got.size());
    for (Emission e : got) {
      assertTrue(e.cover());
      assertEquals(UrgencyClass.OPPORTUNISTIC, e.intent().urgency());
      assertEquals(Origin.COVER, e.intent().origin());
    }
    st.shaper().stop();
  }

  @Test
  void stopDrainsThenCompletes() throws Exception {
    Started st = start(S, CoverGenerator.NONE);
    st.shaper().input().offer(intent(4, 0x13, UrgencyClass.INTERACTIVE, Duration.ofSeconds(25)));
    awaitQueued(st, 1);
    st.shaper().stop();
    assertFalse(st.shaper().done().toCompletableFuture().isDone(), "still draining");
    List<Emission> got = st.advance(Duration.ofSeconds(6), Duration.ofSeconds(1), 1);
    st.shaper().done().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(1, got.size());
    assertEquals(1, st.wire().count());
  }
}
