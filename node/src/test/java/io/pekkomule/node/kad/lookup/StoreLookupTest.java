package io.pekkomule.node.kad.lookup;

import static io.pekkomule.node.kad.lookup.LookupTest.A;
import static io.pekkomule.node.kad.lookup.LookupTest.B;
import static io.pekkomule.node.kad.lookup.LookupTest.C;
import static io.pekkomule.node.kad.lookup.LookupTest.E;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.lookup.LookupEffect.SendDataRequest;
import io.pekkomule.node.kad.lookup.LookupEvent.Start;
import io.pekkomule.node.kad.lookup.LookupEvent.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store lookup sends its data request to every close node that answers a REQ. */
class StoreLookupTest {
  final FakeClock clock = new FakeClock();

  LookupStep at(Lookup l, long millis, LookupEvent e) {
    clock.set(io.pekkomule.node.kad.KadFixtures.T0 + millis);
    return l.advance(e);
  }

  @Test
  void theClosestAnsweringNodeGetsTheDataRequest() {
    LookupConfig cfg = new LookupConfig(3, Duration.ofSeconds(15), Duration.ofSeconds(45), 6,
        Duration.ZERO, false, 11);
    Lookup l = new Lookup(LookupType.STOREFILE, LookupTest.TARGET, LookupTest.SELF, cfg, clock);
    List<LookupEffect> all = new ArrayList<>();
    all.addAll(at(l, 0, new Start(List.of(C, A, B))).effects());
    all.addAll(at(l, 1100, new Tick()).effects());
    all.addAll(at(l, 5000, LookupTest.res(B, C, E)).effects());
    all.addAll(at(l, 6000, new Tick()).effects());
    all.addAll(at(l, 8000, LookupTest.res(A, C, E)).effects());
    for (int t = 9000; t < 30000; t += 2000) {
      all.addAll(at(l, t, new Tick()).effects());
    }
    System.out.println(all);
    assertTrue(all.contains(new SendDataRequest(A)), all.toString());
    assertTrue(all.contains(new SendDataRequest(B)), all.toString());
  }

  /** Ticks every 2 s from {@code from} to {@code to}; the state after the last. */
  private LookupState tickUntil(Lookup l, long from, long to) {
    LookupState s = null;
    for (long t = from; t <= to; t += 2000) {
      s = at(l, t, new Tick()).state();
    }
    return s;
  }

  /** A store lookup whose data request is never acknowledged (self, and a node that drops it). */
  private Lookup unacknowledged(LookupConfig cfg) {
    Lookup l = new Lookup(LookupType.STOREFILE, LookupTest.TARGET, LookupTest.SELF, cfg, clock);
    at(l, 0, new Start(List.of(A)));
    at(l, 1000, new Tick());
    at(l, 3000, LookupTest.res(A));
    at(l, 4000, new Tick()); // the data request to A: the last activity
    return l;
  }

  @Test
  void anUnacknowledgedPublishEndsOnTheTypesIdleLifetimeByDefault() {
    LookupConfig cfg = new LookupConfig(3, Duration.ofSeconds(15), Duration.ofSeconds(45), 6,
        Duration.ZERO, false, 0);
    Lookup l = unacknowledged(cfg);
    assertTrue(tickUntil(l, 6000, 4000 + 118_000) instanceof LookupState.Running);
    LookupState end = tickUntil(l, 4000 + 120_000, 4000 + 124_000);
    assertTrue(end instanceof LookupState.Finished f && f.reason() == Termination.TIMED_OUT,
        String.valueOf(end));
  }

  @Test
  void aConfiguredIdleLifetimeEndsItSooner() {
    LookupConfig cfg = new LookupConfig(3, Duration.ofSeconds(15), Duration.ofSeconds(45), 6,
        Duration.ZERO, false, 0).withIdleLifetime(Duration.ofSeconds(35));
    assertEquals(Duration.ofSeconds(35), cfg.withRequestCount(4).idleLifetime(LookupType.NODE));
    Lookup l = unacknowledged(cfg);
    assertTrue(tickUntil(l, 6000, 4000 + 34_000) instanceof LookupState.Running);
    LookupState end = tickUntil(l, 4000 + 36_000, 4000 + 40_000);
    assertTrue(end instanceof LookupState.Finished f && f.reason() == Termination.TIMED_OUT,
        String.valueOf(end));
  }

  @Test
  void theShippedLookupConfigsKeepTheTypesLifetime() {
    assertEquals(LookupType.STOREKEYWORD.lifetime(), io.pekkomule.node.kad.search.Publisher
        .Settings.ROUTINE_LOOKUPS.idleLifetime(LookupType.STOREKEYWORD));
    assertEquals(LookupType.KEYWORD.lifetime(), io.pekkomule.node.kad.KadNodeSettings.OUR_LOOKUPS
        .idleLifetime(LookupType.KEYWORD));
  }
}
