package io.pekkomule.node.kad.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.wire.Cadence;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The external zone timers: each bucket actor drives its zone's small timer (~60 s, first after
 * about {@code index} seconds) and big timer (refresh lookup: ~10 s after the zone appears, then
 * ~hourly), every interval jittered and drifting on the bucket's own random stream; a deferred
 * refresh re-arms the big timer. Manual time: every due time is read back from the bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BucketActorTest {
  private static final long EPOCH = 1_700_000_000_000L;
  /** Cadence jitter 0.15 times drift 0.9..1.1. */
  private static final double LO = 0.9 * 0.85;
  private static final double HI = 1.1 * 1.15;

  private final ActorTestKit kit = ActorTestKit.create("buckets", ManualTime.config()
      .withFallback(com.typesafe.config.ConfigFactory.parseString(
          "pekko.loglevel = WARNING\npekko.log-dead-letters = off")));
  private final ManualTime time = ManualTime.get(kit.system());
  private final ExplicitlyTriggeredScheduler scheduler =
      (ExplicitlyTriggeredScheduler) kit.system().classicSystem().scheduler();
  private final InstantSource clock = new InstantSource() {
    @Override
    public long millis() {
      return EPOCH + scheduler.currentTimeMs();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  };

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private record Bucket(ActorRef<BucketActor.Command> ref,
      TestProbe<RoutingActor.Command> routing, TestProbe<BucketActor.Due> due) {
    BucketActor.Due ask() {
      ref.tell(new BucketActor.GetDue(due.ref()));
      return due.receiveMessage(Duration.ofSeconds(5));
    }
  }

  private Bucket spawn(ZoneKey zone, long seed) {
    TestProbe<RoutingActor.Command> routing = kit.createTestProbe();
    ActorRef<BucketActor.Command> ref = kit.spawn(BucketActor.create(zone, routing.ref(),
        new Cadence(new SplittableRandom(seed), 0.15), clock));
    ref.tell(BucketActor.Start.INSTANCE);
    return new Bucket(ref, routing, kit.createTestProbe());
  }

  /** Moves manual time to {@code at} (epoch millis). */
  private void advanceTo(long at) {
    long now = clock.millis();
    if (at > now) {
      time.timePasses(Duration.ofMillis(at - now));
    }
  }

  private static void assertWithin(long millis, Duration base, String what) {
    assertTrue(millis >= Math.floor(base.toMillis() * LO) - 1
        && millis <= Math.ceil(base.toMillis() * HI) + 1, what + ": " + millis + " ms");
  }

  @Test
  void smallAndBigTimersFollowImulesCadenceJitteredPerZone() {
    ZoneKey zone = new ZoneKey(4, 3);
    Bucket a = spawn(zone, 1);
    Bucket b = spawn(zone, 2);
    long start = clock.millis();
    BucketActor.Due first = a.ask();
    long firstSmall = first.smallDue() - start;
    assertTrue(firstSmall >= 3_500 && firstSmall <= 6_000,
        "first small timer index (3) s + 0.5..3 s: " + firstSmall);
    assertWithin(first.bigDue() - start, KadConstants.BIG_TIMER_FIRST, "first refresh");
    assertNotEquals(first, b.ask(), "each bucket draws on its own stream");

    List<Long> smallGaps = new ArrayList<>();
    int bigs = 0;
    long lastBig = 0;
    for (int i = 0; i < 70; i++) {
      BucketActor.Due d = a.ask();
      long at = Math.min(d.smallDue(), d.bigDue());
      advanceTo(at);
      RoutingActor.ZoneTimerDue fired = (RoutingActor.ZoneTimerDue) a.routing()
          .receiveMessage(Duration.ofSeconds(5));
      assertEquals(zone, fired.zone());
      BucketActor.Due next = a.ask();
      if (fired.big()) {
        bigs++;
        assertEquals(d.bigDue(), at);
        if (bigs > 1) {
          assertWithin(at - lastBig, KadConstants.BIG_TIMER, "refresh period");
        }
        lastBig = at;
        assertWithin(next.bigDue() - at, KadConstants.BIG_TIMER, "next refresh");
      } else {
        assertEquals(d.smallDue(), at);
        smallGaps.add(next.smallDue() - at);
        assertWithin(next.smallDue() - at, KadConstants.SMALL_TIMER, "small timer");
      }
    }
    assertTrue(bigs >= 1, "the zone was refreshed");
    assertTrue(new HashSet<>(smallGaps).size() > smallGaps.size() / 2,
        "intervals jitter and drift, none settles: " + smallGaps);
    a.routing().expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aDeferredRefreshRearmsTheBigTimerOnly() {
    ZoneKey zone = new ZoneKey(1, 1);
    Bucket a = spawn(zone, 9);
    BucketActor.Due before = a.ask();
    advanceTo(before.bigDue());
    // the first wake-up may be the small timer (index 1 => ~1.5..4 s): skip to the refresh
    RoutingActor.ZoneTimerDue fired;
    do {
      fired = (RoutingActor.ZoneTimerDue) a.routing().receiveMessage(Duration.ofSeconds(5));
    } while (!fired.big());
    long now = clock.millis();
    BucketActor.Due afterRefresh = a.ask();
    // the table said "not yet" (another zone refreshed < 10 s ago): retry in 7 s
    a.ref().tell(new BucketActor.RetryRefresh(Duration.ofSeconds(7)));
    BucketActor.Due deferred = a.ask();
    assertEquals(now + 7_000, deferred.bigDue());
    assertEquals(afterRefresh.smallDue(), deferred.smallDue(), "the small timer is untouched");
    advanceTo(Math.min(deferred.smallDue(), deferred.bigDue()));
    if (deferred.smallDue() < deferred.bigDue()) {
      RoutingActor.ZoneTimerDue small =
          (RoutingActor.ZoneTimerDue) a.routing().receiveMessage(Duration.ofSeconds(5));
      assertEquals(false, small.big());
      advanceTo(deferred.bigDue());
    }
    RoutingActor.ZoneTimerDue retried =
        (RoutingActor.ZoneTimerDue) a.routing().receiveMessage(Duration.ofSeconds(5));
    assertTrue(retried.big(), "the refresh is asked again when the deferral ends");
    assertEquals(zone, retried.zone());
  }
}
